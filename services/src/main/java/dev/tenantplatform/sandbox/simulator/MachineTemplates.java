package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;

/** What decides whether a Machine is up to date with its MachineDeployment: the fields that roll out new Machines. */
final class MachineTemplates {

  static final String TEMPLATE_HASH = "machine-template-hash";

  private MachineTemplates() {
  }

  /** The rollout fields of {@code spec.template.spec} (version, bootstrap, infrastructure, failure domain). */
  static Map<String, Object> rolloutFields(GenericKubernetesResource owner) {
    Map<String, Object> spec = Fields.map(owner, "spec", "template", "spec");
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String key : new String[] {"version", "bootstrap", "infrastructureRef", "failureDomain"}) {
      if (spec.get(key) != null) {
        fields.put(key, spec.get(key));
      }
    }
    return fields;
  }

  static boolean sameRollout(GenericKubernetesResource a, GenericKubernetesResource b) {
    return Fields.sameJson(rolloutFields(a), rolloutFields(b));
  }

  /** CAPI's label value for a new MachineSet: the template hash (as a number) and the random suffix of its name. */
  static String uniqueLabel(GenericKubernetesResource deployment, String suffix) {
    long hash = Long.parseLong(Hashes.of(rolloutFields(deployment)).substring(0, 8), 16);
    return hash + "-" + suffix;
  }

  /** A label selector written as a string, as status.selector holds it. */
  static String selector(Map<String, Object> matchLabels) {
    return matchLabels.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + "," + b).orElse("");
  }
}
