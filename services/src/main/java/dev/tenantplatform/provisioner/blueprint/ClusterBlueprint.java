package dev.tenantplatform.provisioner.blueprint;

import dev.tenantplatform.events.K0sVersion;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.kube.Kinds;
import dev.tenantplatform.kube.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the Kubernetes objects of a tenant's cluster: a resolved cluster spec in, the nine objects out
 * (SPEC.md, "Kubernetes objects for tenant acme"). Pure: no I/O, the same input gives byte-identical
 * objects, so applying them again changes nothing. Offboarding needs no blueprint: deleting the CAPI Cluster
 * cascades to everything it owns, then the namespace goes (names in {@code TenantNames}).
 */
public final class ClusterBlueprint {

  /** The providers a request's {@code infrastructure} can name. */
  public static final List<InfrastructureProvider> PROVIDERS = List.of(new DockerProvider(), new DevProvider());

  /** Label values and derived names must stay valid DNS-1123 labels of at most 63 characters. */
  public static final int MAX_TENANT_LENGTH = 40;

  /** Tells CAPD to leave the infrastructure cluster to k0smotron, which marks it provisioned; any value works. */
  static final String INFRA_MANAGED_BY_VALUE = "k0smotron";

  private final BlueprintConfig config;
  private final Map<String, InfrastructureProvider> providers;

  public ClusterBlueprint(BlueprintConfig config) {
    this(config, PROVIDERS);
  }

  public ClusterBlueprint(BlueprintConfig config, List<InfrastructureProvider> providers) {
    if (config == null || providers == null || providers.isEmpty()) {
      throw new IllegalArgumentException("a blueprint needs its configuration and at least one provider");
    }
    this.config = config;
    this.providers = providers.stream().collect(Collectors.toMap(InfrastructureProvider::name,
        Function.identity(), (a, b) -> {
          throw new IllegalArgumentException("two infrastructure providers are named '" + a.name() + "'");
        }, LinkedHashMap::new));
  }

  /** The {@code infrastructure} values this blueprint can build, in the order the providers were given. */
  public List<String> infrastructures() {
    return List.copyOf(providers.keySet());
  }

  /**
   * The tenant's objects.
   *
   * @param tenant the tenant's name, a DNS-1123 label of at most 40 characters
   * @param cluster the spec with every field set: a create's request over the defaults, an update's over the
   *     tenant's current spec
   * @param nodePorts the ports allocated to the tenant; required for {@code NodePort}, empty otherwise
   * @throws IllegalArgumentException naming the bad field, when the input cannot make a valid cluster
   */
  public TenantObjects desired(String tenant, ClusterSpec cluster, Optional<NodePorts> nodePorts) {
    checkTenant(tenant);
    K0sVersion version = checkSpec(cluster);
    NodePorts ports = checkPorts(cluster.serviceType(), nodePorts);
    InfrastructureProvider provider = providers.get(cluster.infrastructure());
    TenantScope scope = new TenantScope(tenant);

    GenericKubernetesResource machineTemplate = machineTemplate(scope, provider);
    GenericKubernetesResource workerConfig = workerConfigTemplate(scope, version);
    return new TenantObjects(
        namespace(scope),
        calicoConfigMap(scope),
        calicoResourceSet(scope),
        cluster(scope, provider),
        infrastructureCluster(scope, provider),
        scope.resource(Kinds.K0SMOTRON_CONTROL_PLANE, scope.names().controlPlane(),
            ControlPlaneSpec.of(scope, cluster, version, ports, config)),
        machineTemplate,
        workerConfig,
        machineDeployment(scope, cluster, version, TenantScope.reference(machineTemplate),
            TenantScope.reference(workerConfig)));
  }

  /**
   * The tenant's {@link TenantObjects#groundwork}, the same as {@code desired(...).groundwork()}: they depend
   * on the tenant's name alone, so they can be applied before the request's node ports are known.
   */
  public List<HasMetadata> groundwork(String tenant) {
    checkTenant(tenant);
    TenantScope scope = new TenantScope(tenant);
    return List.of(namespace(scope), calicoConfigMap(scope), calicoResourceSet(scope));
  }

  private Namespace namespace(TenantScope scope) {
    return new NamespaceBuilder()
        .withNewMetadata().withName(scope.names().namespace()).withLabels(scope.labels()).endMetadata()
        .build();
  }

  private ConfigMap calicoConfigMap(TenantScope scope) {
    return new ConfigMapBuilder()
        .withMetadata(scope.metadata(scope.names().calicoConfigMap(), Map.of(), Map.of()))
        .withData(Map.of(CalicoManifest.KEY, CalicoManifest.render(config.calicoTemplate(), config.podCidr())))
        .build();
  }

  /** {@code Reconcile}, so a changed Calico manifest reaches clusters that already run the old one. */
  private GenericKubernetesResource calicoResourceSet(TenantScope scope) {
    return scope.resource(Kinds.CLUSTER_RESOURCE_SET, scope.names().calicoResourceSet(), Spec.of(
        "clusterSelector", Spec.of("matchLabels", Spec.of(Labels.CNI, Labels.CNI_CALICO)),
        "resources", List.of(Spec.of("kind", "ConfigMap", "name", scope.names().calicoConfigMap())),
        "strategy", "Reconcile"));
  }

  private GenericKubernetesResource cluster(TenantScope scope, InfrastructureProvider provider) {
    return scope.resource(Kinds.CLUSTER, scope.names().cluster(), Map.of(Labels.CNI, Labels.CNI_CALICO), Map.of(),
        Spec.of(
            "clusterNetwork", Spec.of(
                "pods", Spec.of("cidrBlocks", List.of(config.podCidr())),
                "services", Spec.of("cidrBlocks", List.of(config.serviceCidr())),
                "serviceDomain", config.serviceDomain()),
            "controlPlaneRef", TenantScope.reference(Kinds.K0SMOTRON_CONTROL_PLANE, scope.names().controlPlane()),
            "infrastructureRef", TenantScope.reference(provider.clusterKind(), scope.names().cluster())));
  }

  /** Without the managed-by annotation CAPD runs its own load balancer and the cluster never gets provisioned. */
  private GenericKubernetesResource infrastructureCluster(TenantScope scope, InfrastructureProvider provider) {
    return scope.resource(provider.clusterKind(), scope.names().cluster(), Map.of(),
        Map.of(Labels.INFRA_MANAGED_BY, INFRA_MANAGED_BY_VALUE), provider.clusterSpec());
  }

  private GenericKubernetesResource machineTemplate(TenantScope scope, InfrastructureProvider provider) {
    Map<String, Object> spec = Spec.of("template", Spec.of("spec", provider.machineSpec(config)));
    return scope.resource(provider.machineTemplateKind(), scope.names().workerTemplate(SpecHash.of(spec)), spec);
  }

  /** Workers run the control plane's k0s version: k0s wants both on the same minor. */
  private GenericKubernetesResource workerConfigTemplate(TenantScope scope, K0sVersion version) {
    Map<String, Object> spec = Spec.of("template", Spec.of("spec", Spec.of("version", version.toString())));
    return scope.resource(Kinds.K0S_WORKER_CONFIG_TEMPLATE, scope.names().workerTemplate(SpecHash.of(spec)), spec);
  }

  /**
   * The machines' version is the bare Kubernetes version: CAPD picks the node image from it and fails
   * without one, and a {@code -k0s.N} suffix would read as a pre-release to CAPI's version checks.
   */
  private GenericKubernetesResource machineDeployment(TenantScope scope, ClusterSpec cluster, K0sVersion version,
      Map<String, Object> machineTemplate, Map<String, Object> workerConfig) {
    String name = scope.names().machineDeployment();
    Map<String, Object> selected = Spec.of(
        Labels.CLUSTER_NAME, scope.names().cluster(),
        Labels.DEPLOYMENT_NAME, name);
    Map<String, Object> machineLabels = new LinkedHashMap<>(selected);
    machineLabels.put(Labels.TENANT, scope.tenant());
    return scope.resource(Kinds.MACHINE_DEPLOYMENT, name, Spec.of(
        "clusterName", scope.names().cluster(),
        "replicas", cluster.workers(),
        "selector", Spec.of("matchLabels", selected),
        "template", Spec.of(
            "metadata", Spec.of("labels", machineLabels),
            "spec", Spec.of(
                "clusterName", scope.names().cluster(),
                "version", version.kubernetesVersion(),
                "bootstrap", Spec.of("configRef", workerConfig),
                "infrastructureRef", machineTemplate))));
  }

  private static void checkTenant(String tenant) {
    if (tenant == null || tenant.length() > MAX_TENANT_LENGTH
        || !tenant.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      throw new IllegalArgumentException("tenant '" + tenant + "' is not a DNS-1123 label of at most "
          + MAX_TENANT_LENGTH + " characters (lower case letters, digits and '-', starting and ending with a "
          + "letter or digit)");
    }
  }

  private K0sVersion checkSpec(ClusterSpec cluster) {
    if (cluster == null) {
      throw new IllegalArgumentException("the cluster spec is missing: resolve the request first");
    }
    present("version", cluster.version());
    present("controlPlaneReplicas", cluster.controlPlaneReplicas());
    present("workers", cluster.workers());
    present("cni", cluster.cni());
    present("persistence", cluster.persistence());
    present("serviceType", cluster.serviceType());
    present("infrastructure", cluster.infrastructure());
    int replicas = cluster.controlPlaneReplicas();
    if (replicas < 1 || replicas > 7 || replicas % 2 == 0) {
      throw new IllegalArgumentException("controlPlaneReplicas " + replicas
          + " must be odd, 1 to 7 (1, 3, 5 or 7): etcd keeps a quorum only with a majority of its members");
    }
    if (cluster.workers() < 0) {
      throw new IllegalArgumentException("workers " + cluster.workers() + " must be zero or more");
    }
    oneOf("cni", cluster.cni(), List.of(Labels.CNI_CALICO));
    oneOf("persistence", cluster.persistence(), ControlPlaneSpec.PERSISTENCE);
    oneOf("serviceType", cluster.serviceType(), ControlPlaneSpec.SERVICE_TYPES);
    oneOf("infrastructure", cluster.infrastructure(), infrastructures());
    return K0sVersion.parse(cluster.version());
  }

  private static NodePorts checkPorts(String serviceType, Optional<NodePorts> nodePorts) {
    boolean nodePort = ControlPlaneSpec.NODE_PORT.equals(serviceType);
    if (nodePort && nodePorts.isEmpty()) {
      throw new IllegalArgumentException("serviceType NodePort needs node ports allocated to the tenant: "
          + "k0smotron's defaults collide from the second tenant on");
    }
    if (!nodePort && nodePorts.isPresent()) {
      throw new IllegalArgumentException("node ports " + nodePorts.get() + " were given for serviceType "
          + serviceType + ": only NodePort uses them; release them instead");
    }
    return nodePorts.orElse(null);
  }

  private static void present(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("cluster." + field + " is missing: resolve the request against the "
          + "defaults (create) or the tenant's current spec (update) first");
    }
  }

  private static void oneOf(String field, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(field + " '" + value + "' is not supported: use "
          + String.join(", ", allowed.subList(0, allowed.size() - 1))
          + (allowed.size() > 1 ? " or " : "") + allowed.get(allowed.size() - 1));
    }
  }
}
