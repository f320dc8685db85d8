package dev.tenantplatform.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a tenant request against the contract and the platform's {@link RequestLimits}, and reports every
 * problem at once, each with a reason a person can act on.
 *
 * <p>Rules: {@code requestId} is 1 to {@value #MAX_REQUEST_ID_LENGTH} visible ASCII characters (a UUID is best;
 * any other unique string works, so producers with ids of their own need no mapping); {@code action} is given;
 * {@code tenant} is a DNS-1123 label of at most {@link RequestLimits#maxTenantNameLength()} characters;
 * {@code requestedBy} is not blank. Cluster fields are optional: left out they mean the default in a create
 * and "unchanged" in an update; given, they must be within the limits. An update must name at least one
 * cluster field. A delete's cluster is ignored.
 *
 * <p>{@link #validate(TenantRequest, ClusterSpec)} also checks an update against the tenant's current cluster:
 * the version moves at most one minor version up (see {@link K0sVersion}), and the network plugin and the
 * machine provider cannot change on a running cluster.
 */
public final class RequestValidator {

  public static final int MAX_REQUEST_ID_LENGTH = 128;
  /** The longest tenant name the contract allows; an operator's limit may be lower, not higher. */
  public static final int MAX_TENANT_NAME_LENGTH = 40;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern REQUEST_ID = Pattern.compile("[\\x21-\\x7E]+");

  private final RequestLimits limits;

  public RequestValidator() {
    this(RequestLimits.DEFAULT);
  }

  public RequestValidator(RequestLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public RequestLimits limits() {
    return limits;
  }

  /**
   * Whether {@code name} can name a tenant at all: a DNS-1123 label of at most {@value #MAX_TENANT_NAME_LENGTH}
   * characters. Only such a name gets events; a record naming anything else goes to the dead letters alone.
   */
  public static boolean isTenantName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_TENANT_NAME_LENGTH) {
      return false;
    }
    // DNS_LABEL, by hand: every event read back is checked, and the matcher costs more than the loop.
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alphanumeric = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
      if (!alphanumeric && (c != '-' || i == 0 || i == name.length() - 1)) {
        return false;
      }
    }
    return true;
  }

  /** Every problem of {@code request} on its own; empty when it is valid. */
  public List<Violation> validate(TenantRequest request) {
    return validate(request, null);
  }

  /**
   * Every problem of {@code request} given the tenant's {@code current} cluster ({@code null} when the tenant
   * has none yet). The current cluster matters for an update only.
   */
  public List<Violation> validate(TenantRequest request, ClusterSpec current) {
    List<Violation> found = new ArrayList<>();
    checkRequestId(request.requestId(), found);
    checkTenant(request.tenant(), found);
    if (request.requestedBy() == null || request.requestedBy().isBlank()) {
      found.add(new Violation("requestedBy", "requestedBy is missing: say who asks (a person, a token's"
          + " subject or a system), so the audit log can tell"));
    }
    if (request.action() == null) {
      found.add(new Violation("action", "action is missing: use create, update or delete"));
    } else if (request.action() != Action.DELETE) {
      checkCluster(request.cluster(), found);
    }
    if (request.action() == Action.UPDATE) {
      checkUpdate(request.cluster(), current, found);
    }
    return List.copyOf(found);
  }

  private void checkRequestId(String requestId, List<Violation> found) {
    if (requestId == null || requestId.isBlank()) {
      found.add(new Violation("requestId", "requestId is missing: give each request a unique id (a UUID is"
          + " best); it makes a request delivered twice act once"));
    } else if (requestId.length() > MAX_REQUEST_ID_LENGTH || !REQUEST_ID.matcher(requestId).matches()) {
      found.add(new Violation("requestId", "requestId '" + shorten(requestId) + "' is not usable: use 1 to "
          + MAX_REQUEST_ID_LENGTH + " visible ASCII characters without spaces (a UUID is best)"));
    }
  }

  private void checkTenant(String tenant, List<Violation> found) {
    String rule = "use lower case letters, digits and '-', start and end with a letter or digit, at most "
        + limits.maxTenantNameLength() + " characters";
    if (tenant == null || tenant.isEmpty()) {
      found.add(new Violation("tenant", "tenant is missing: name the tenant with a DNS-1123 label such as"
          + " 'acme' (" + rule + ")"));
    } else if (!DNS_LABEL.matcher(tenant).matches()) {
      found.add(new Violation("tenant", "tenant '" + shorten(tenant) + "' is not a DNS-1123 label: " + rule));
    } else if (tenant.length() > limits.maxTenantNameLength()) {
      found.add(new Violation("tenant", "tenant '" + shorten(tenant) + "' has " + tenant.length()
          + " characters: use at most " + limits.maxTenantNameLength() + ", so that the names derived from it"
          + " stay within Kubernetes' 63"));
    }
  }

  private void checkCluster(ClusterSpec cluster, List<Violation> found) {
    if (cluster.version() != null && K0sVersion.read(cluster.version()).isEmpty()) {
      found.add(new Violation("cluster.version", K0sVersion.problem(cluster.version())));
    }
    checkReplicas(cluster.controlPlaneReplicas(), found);
    checkWorkers(cluster.workers(), found);
    checkChoice("cluster.cni", "cni", cluster.cni(), limits.cnis(), found);
    checkChoice("cluster.persistence", "persistence", cluster.persistence(), limits.persistences(), found);
    checkChoice("cluster.serviceType", "serviceType", cluster.serviceType(), limits.serviceTypes(), found);
    checkChoice("cluster.infrastructure", "infrastructure", cluster.infrastructure(), limits.infrastructures(),
        found);
  }

  private void checkReplicas(Integer replicas, List<Violation> found) {
    if (replicas == null || limits.controlPlaneReplicas().contains(replicas)) {
      return;
    }
    String choices = choices(limits.controlPlaneReplicas());
    String reason;
    if (replicas < 1) {
      reason = "controlPlaneReplicas " + replicas + " is too few: use " + choices;
    } else if (replicas % 2 == 0) {
      reason = "controlPlaneReplicas " + replicas + " is even: etcd needs an odd number (" + choices
          + ") to keep quorum";
    } else {
      reason = "controlPlaneReplicas " + replicas + " is not offered: use " + choices;
    }
    found.add(new Violation("cluster.controlPlaneReplicas", reason));
  }

  private void checkWorkers(Integer workers, List<Violation> found) {
    String range = "use 0 to " + limits.maxWorkers();
    if (workers != null && workers < 0) {
      found.add(new Violation("cluster.workers", "workers " + workers + " is negative: " + range));
    } else if (workers != null && workers > limits.maxWorkers()) {
      found.add(new Violation("cluster.workers", "workers " + workers + " is over the limit of "
          + limits.maxWorkers() + " per tenant: " + range + ", or ask the platform operator for a higher limit"));
    }
  }

  private static void checkChoice(String field, String name, String value, Collection<String> allowed,
      List<Violation> found) {
    if (value == null || allowed.contains(value)) {
      return;
    }
    String hint = allowed.stream().filter(a -> a.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)))
        .findFirst().map(a -> " (did you mean '" + a + "'? case matters)").orElse("");
    found.add(new Violation(field, name + " '" + shorten(value) + "' is not supported: use " + choices(allowed)
        + hint));
  }

  private static void checkUpdate(ClusterSpec change, ClusterSpec current, List<Violation> found) {
    if (change.equals(ClusterSpec.UNCHANGED)) {
      found.add(new Violation("cluster", "an update must change something: give at least one of version,"
          + " controlPlaneReplicas, workers, persistence or serviceType"));
      return;
    }
    if (current == null) {
      return;
    }
    versionChangeProblem(current.version(), change.version())
        .ifPresent(reason -> found.add(new Violation("cluster.version", reason)));
    if (change.cni() != null && current.cni() != null && !change.cni().equals(current.cni())) {
      found.add(new Violation("cluster.cni", "cni cannot change from " + current.cni() + " to " + change.cni()
          + ": k0s changes its network plugin only by redeploying the cluster; delete the tenant and create it"
          + " again"));
    }
    if (change.infrastructure() != null && current.infrastructure() != null
        && !change.infrastructure().equals(current.infrastructure())) {
      found.add(new Violation("cluster.infrastructure", "infrastructure cannot change from "
          + current.infrastructure() + " to " + change.infrastructure() + ": machines cannot move to another"
          + " provider; delete the tenant and create it again"));
    }
  }

  private static Optional<String> versionChangeProblem(String currentText, String targetText) {
    if (currentText == null || targetText == null) {
      return Optional.empty();
    }
    // An unreadable target is reported by the field check; an unreadable current version is not the asker's fault.
    Optional<K0sVersion> current = K0sVersion.read(currentText);
    Optional<K0sVersion> target = K0sVersion.read(targetText);
    if (current.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    return current.get().changeProblem(target.get());
  }

  /** "1, 3, 5 or 7". */
  static String choices(Collection<?> values) {
    List<String> words = values.stream().map(String::valueOf).toList();
    if (words.size() <= 1) {
      return String.join("", words);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }

  // A reason quotes what it rejects, but a 60 KiB value would drown the reason.
  private static String shorten(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }
}
