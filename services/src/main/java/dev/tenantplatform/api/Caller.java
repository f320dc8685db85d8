package dev.tenantplatform.api;

/**
 * Who calls the API, as the bearer token says: an admin sees and does everything; a tenant member sees only
 * its own tenant, and another tenant is, for it, a tenant that does not exist.
 */
public sealed interface Caller {

  /** The token's subject ({@code sub}): who asked, in the request's {@code requestedBy} and in the logs. */
  String subject();

  /** Whether this caller may see {@code tenant} at all. */
  boolean sees(String tenant);

  /** A short word for logs and metrics: admin or tenant. */
  String scope();

  record Admin(String subject) implements Caller {
    @Override
    public boolean sees(String tenant) {
      return true;
    }

    @Override
    public String scope() {
      return "admin";
    }
  }

  record TenantMember(String subject, String tenant) implements Caller {
    @Override
    public boolean sees(String other) {
      return tenant.equals(other);
    }

    @Override
    public String scope() {
      return "tenant";
    }
  }
}
