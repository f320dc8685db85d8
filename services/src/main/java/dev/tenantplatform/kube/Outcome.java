package dev.tenantplatform.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What one apply or delete did to one object.
 *
 * @param object the object as the API server holds it afterwards, of the class that was applied; null
 *     after a delete
 */
public record Outcome(Change change, ObjectRef ref, HasMetadata object) {

  /** The closed set of effects; {@link #UNCHANGED} and {@link #ABSENT} mean nothing was written. */
  public enum Change {
    CREATED, PATCHED, UNCHANGED, DELETED, ABSENT;

    public boolean wrote() {
      return this == CREATED || this == PATCHED || this == DELETED;
    }
  }

  /** The object afterwards, as {@code type}. */
  public <T extends HasMetadata> T object(Class<T> type) {
    return type.cast(object);
  }

  @Override
  public String toString() {
    return change + " " + ref;
  }
}
