package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Owner references as the real controllers set them: a controller reference, or a plain one. */
final class Owners {

  private Owners() {
  }

  /** A controller reference: the owner manages the object, and deleting it deletes the object. */
  static OwnerReference controller(HasMetadata owner) {
    return reference(owner, true);
  }

  /** A plain reference: deleting the owner deletes the object, but the owner does not manage it. */
  static OwnerReference plain(HasMetadata owner) {
    return reference(owner, false);
  }

  private static OwnerReference reference(HasMetadata owner, boolean controller) {
    OwnerReferenceBuilder builder = new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid());
    if (controller) {
      builder.withController(true).withBlockOwnerDeletion(true);
    }
    return builder.build();
  }

  static List<OwnerReference> of(HasMetadata object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    return refs == null ? List.of() : refs;
  }

  static boolean ownedBy(HasMetadata object, HasMetadata owner) {
    return of(object).stream().anyMatch(r -> owner.getMetadata().getUid().equals(r.getUid()));
  }

  /** The object's owner of the given kind and API group, if any. */
  static Optional<OwnerReference> ownerOfKind(HasMetadata object, String group, String kind) {
    return of(object).stream()
        .filter(r -> kind.equals(r.getKind()) && r.getApiVersion() != null && r.getApiVersion().startsWith(group + "/"))
        .findFirst();
  }

  /** The object's references with {@code added}, or null when it is already there. */
  static List<OwnerReference> adding(HasMetadata object, OwnerReference added) {
    if (of(object).stream().anyMatch(r -> added.getUid().equals(r.getUid()))) {
      return null;
    }
    List<OwnerReference> refs = new ArrayList<>(of(object));
    refs.add(added);
    return refs;
  }
}
