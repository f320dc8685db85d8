package dev.tenantplatform.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The admission-webhook rules of Cluster API that the CRD schemas cannot express (../shared/crds/README.md,
 * "Webhook rules are not in the schemas"): an API server with the webhooks installed refuses objects that
 * break them.
 */
public final class WebhookRules {

  private WebhookRules() {
  }

  public static List<String> problems(GenericKubernetesResource object) {
    List<String> problems = new ArrayList<>();
    switch (object.getKind()) {
      case "MachineDeployment" -> machineDeployment(object, problems);
      case "ClusterResourceSet" -> resourceSet(object, problems);
      default -> { }
    }
    return problems;
  }

  private static void machineDeployment(GenericKubernetesResource md, List<String> problems) {
    Object clusterName = md.get("spec", "clusterName");
    if (!java.util.Objects.equals(clusterName, md.get("spec", "template", "spec", "clusterName"))) {
      problems.add("spec.template.spec.clusterName must equal spec.clusterName " + clusterName);
    }
    Map<String, Object> selector = md.get("spec", "selector", "matchLabels");
    Map<String, Object> labels = md.get("spec", "template", "metadata", "labels");
    if (selector == null || selector.isEmpty()) {
      problems.add("spec.selector.matchLabels is empty");
    } else if (labels == null || !labels.entrySet().containsAll(selector.entrySet())) {
      problems.add("spec.template.metadata.labels " + labels + " do not match the selector " + selector);
    }
    if (md.get("spec", "template", "spec", "version") == null) {
      problems.add("spec.template.spec.version is not set (CAPD picks the node image from it)");
    }
  }

  private static void resourceSet(GenericKubernetesResource crs, List<String> problems) {
    Map<String, Object> selector = crs.get("spec", "clusterSelector");
    if (selector == null || selector.isEmpty()) {
      problems.add("spec.clusterSelector is empty: it would select no cluster");
    }
  }
}
