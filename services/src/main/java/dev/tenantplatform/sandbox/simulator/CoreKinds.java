package dev.tenantplatform.sandbox.simulator;

import dev.tenantplatform.kube.KubeKind;
import java.util.List;

/** The built-in kinds the simulated controllers create and watch, addressed like the custom ones. */
final class CoreKinds {

  static final KubeKind POD = new KubeKind("", "v1", "Pod", "pods", true);
  static final KubeKind SERVICE = new KubeKind("", "v1", "Service", "services", true);
  static final KubeKind SECRET = new KubeKind("", "v1", "Secret", "secrets", true);
  static final KubeKind CONFIG_MAP = new KubeKind("", "v1", "ConfigMap", "configmaps", true);
  static final KubeKind PERSISTENT_VOLUME_CLAIM =
      new KubeKind("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true);
  static final KubeKind STATEFUL_SET = new KubeKind("apps", "v1", "StatefulSet", "statefulsets", true);

  static final List<KubeKind> ALL = List.of(POD, SERVICE, SECRET, CONFIG_MAP, PERSISTENT_VOLUME_CLAIM, STATEFUL_SET);

  private CoreKinds() {
  }
}
