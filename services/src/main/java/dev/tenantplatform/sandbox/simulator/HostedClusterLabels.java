package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels k0smotron puts on what it creates for a hosted cluster ({@code internal/controller/util/util.go}). */
final class HostedClusterLabels {

  static final String COMPONENT = "app.kubernetes.io/component";

  private HostedClusterLabels() {
  }

  /** {@code app=k0smotron}, {@code cluster=<name>}, the hosted cluster's own labels, {@code component=cluster}. */
  static Map<String, String> base(GenericKubernetesResource hosted) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", "k0smotron");
    labels.put("cluster", hosted.getMetadata().getName());
    if (hosted.getMetadata().getLabels() != null) {
      labels.putAll(hosted.getMetadata().getLabels());
    }
    labels.put("component", "cluster");
    return labels;
  }

  /** The base labels and {@code app.kubernetes.io/component}, for ConfigMaps and Secrets. */
  static Map<String, String> component(GenericKubernetesResource hosted, String component) {
    Map<String, String> labels = base(hosted);
    labels.put(COMPONENT, component);
    return labels;
  }

  /** The selector of the k0s StatefulSet and the control-plane Services. */
  static Map<String, String> controlPlane(GenericKubernetesResource hosted) {
    Map<String, String> labels = base(hosted);
    labels.put("cluster.x-k8s.io/control-plane", "true");
    return labels;
  }

  /** The selector of the etcd StatefulSet. */
  static Map<String, String> etcd(GenericKubernetesResource hosted) {
    Map<String, String> labels = base(hosted);
    labels.put("component", "etcd");
    return labels;
  }

  static Map<String, String> with(Map<String, String> labels, String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(labels);
    copy.put(key, value);
    return copy;
  }
}
