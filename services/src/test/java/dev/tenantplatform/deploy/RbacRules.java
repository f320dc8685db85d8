package dev.tenantplatform.deploy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The RBAC rules of a manifest, each with where it applies (a ClusterRole's everywhere, a Role's in its namespace),
 * matched as the API server's RBAC authorizer matches them.
 */
final class RbacRules {

  /** One verb on one resource of one group, where a rule grants it; the unit an unused-rule check counts. */
  record Grant(String role, String namespace, String verb, String group, String resource, String resourceName) {

    boolean allows(ResourceRequest request) {
      return matches(verb, request.verb())
          && matches(group, request.group())
          && matches(resource, request.ruleResource())
          && (namespace == null || namespace.equals(request.namespace()))
          && (resourceName == null || resourceName.equals(request.name()));
    }

    private static boolean matches(String granted, String asked) {
      return granted.equals("*") || granted.equals(asked);
    }

    @Override
    public String toString() {
      return role + ": " + verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource
          + (resourceName == null ? "" : " named " + resourceName)
          + (namespace == null ? " (cluster-wide)" : " in " + namespace);
    }
  }

  private final List<Grant> grants;

  private RbacRules(List<Grant> grants) {
    this.grants = List.copyOf(grants);
  }

  /** The ClusterRoles and Roles of a multi-document YAML file. */
  static RbacRules read(Path manifest) throws IOException {
    List<Grant> grants = new ArrayList<>();
    for (Object object : Manifests.read(manifest)) {
      if (object instanceof ClusterRole role) {
        add(grants, "ClusterRole " + role.getMetadata().getName(), null, role.getRules());
      } else if (object instanceof Role role) {
        if (role.getMetadata().getNamespace() == null) {
          throw new IllegalArgumentException("Role " + role.getMetadata().getName() + " in " + manifest
              + " has no namespace: give it the namespace it grants in");
        }
        add(grants, "Role " + role.getMetadata().getName(), role.getMetadata().getNamespace(), role.getRules());
      }
    }
    if (grants.isEmpty()) {
      throw new IllegalArgumentException(manifest + " holds no ClusterRole or Role with rules");
    }
    return new RbacRules(grants);
  }

  private static void add(List<Grant> grants, String role, String namespace, List<PolicyRule> rules) {
    for (PolicyRule rule : rules) {
      List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
          ? java.util.Collections.singletonList(null) : rule.getResourceNames();
      for (String verb : rule.getVerbs()) {
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            for (String name : names) {
              grants.add(new Grant(role, namespace, verb, group, resource, name));
            }
          }
        }
      }
    }
  }

  List<Grant> grants() {
    return grants;
  }

  /** The first grant that allows {@code request}, if any. */
  Optional<Grant> allowing(ResourceRequest request) {
    return grants.stream().filter(g -> g.allows(request)).findFirst();
  }
}
