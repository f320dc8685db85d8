package dev.tenantplatform.sandbox.simulator;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * The addresses a real management cluster hands out and the CRUD mock does not: Service cluster IPs,
 * load-balancer ingress IPs, and the node whose address NodePort control planes advertise. Derived from
 * names, so they stay the same across restarts.
 */
final class Addresses {

  static final String NODE_NAME = "tenant-platform-control-plane";
  static final String NODE_IP = "172.18.0.2";

  /** A cluster IP in 10.96.0.0/12 for the Service. */
  String clusterIp(ObjectKey service) {
    int h = Math.floorMod(service.toString().hashCode(), 250 * 250);
    return "10.96." + (h / 250 + 1) + "." + (h % 250 + 2);
  }

  /** Gives a LoadBalancer Service its ingress IP, as a cloud controller would, and returns it. */
  String loadBalancerIngress(Api api, Service service) {
    int h = Math.floorMod((service.getMetadata().getNamespace() + "/" + service.getMetadata().getName()).hashCode(),
        250);
    String ip = "172.18.255." + (h + 2);
    var current = api.get(CoreKinds.SERVICE, service.getMetadata().getNamespace(), service.getMetadata().getName());
    if (current != null) {
      api.writeStatus(CoreKinds.SERVICE, current,
          Map.of("loadBalancer", Map.of("ingress", List.of(Map.of("ip", ip, "ipMode", "VIP")))));
    }
    return ip;
  }

  /** Registers the management cluster's node when the API has none, like a kind cluster's control-plane node. */
  static void ensureNode(KubernetesClient client) {
    if (!client.nodes().list().getItems().isEmpty()) {
      return;
    }
    Map<String, Quantity> capacity = Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi"),
        "pods", new Quantity("110"), "ephemeral-storage", new Quantity("100Gi"));
    Node node = new NodeBuilder()
        .withNewMetadata().withName(NODE_NAME)
        .addToLabels("kubernetes.io/hostname", NODE_NAME)
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels("node-role.kubernetes.io/control-plane", "")
        .endMetadata()
        .withNewStatus()
        .addNewAddress().withType("InternalIP").withAddress(NODE_IP).endAddress()
        .addNewAddress().withType("Hostname").withAddress(NODE_NAME).endAddress()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
        .withMessage("kubelet is posting ready status").endCondition()
        .withNewNodeInfo().withKubeletVersion("v1.32.4").withContainerRuntimeVersion("containerd://2.0.3")
        .withOperatingSystem("linux").withArchitecture("amd64").withOsImage("Debian GNU/Linux 12 (bookworm)")
        .endNodeInfo()
        .endStatus()
        .build();
    client.resource(node).create();
  }
}
