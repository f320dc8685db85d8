package dev.tenantplatform.provisioner;

/** A request that cannot be carried out for a reason a person must act on; it ends in {@code cluster.failed}. */
final class ProvisioningException extends RuntimeException {

  ProvisioningException(String message) {
    super(message);
  }
}
