package dev.tenantplatform.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a tenant request asks for. On the wire: {@code create}, {@code update}, {@code delete}. */
public enum Action {
  CREATE, UPDATE, DELETE;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action named {@code wire}, or empty when there is none (the caller explains the rejection). */
  public static Optional<Action> of(String wire) {
    return Arrays.stream(values()).filter(a -> a.wire().equals(wire)).findFirst();
  }

  @JsonCreator
  static Action fromJson(String wire) {
    return of(wire).orElseThrow(() -> new IllegalArgumentException(
        "unknown action '" + wire + "': use create, update or delete"));
  }
}
