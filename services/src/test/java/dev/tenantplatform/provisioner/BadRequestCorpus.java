package dev.tenantplatform.provisioner;

import dev.tenantplatform.events.Action;
import dev.tenantplatform.events.CloudEventCodec;
import dev.tenantplatform.events.ClusterSpec;
import dev.tenantplatform.events.DeadLetterReason;
import dev.tenantplatform.events.TenantRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records a producer could get wrong, each with what a person should be told. Judged without any tenant
 * existing, except where a case says otherwise.
 */
final class BadRequestCorpus {

  /**
   * One bad record.
   *
   * @param tenant the tenant that must receive {@code tenant.rejected}; null when no name can be trusted
   */
  record Bad(String name, byte[] value, DeadLetterReason code, String reasonContains, String tenant) {

    @Override
    public String toString() {
      return name;
    }
  }

  private static final CloudEventCodec CODEC = new CloudEventCodec();

  private BadRequestCorpus() {
  }

  static List<Bad> all() {
    List<Bad> bad = new ArrayList<>(unreadable());
    bad.addAll(names());
    bad.addAll(clusters());
    return bad;
  }

  private static List<Bad> unreadable() {
    String envelope = "{\"specversion\":\"1.0\",\"id\":\"r1\",\"source\":\"/x\","
        + "\"type\":\"dev.tenantplatform.tenant.requested.v1\",\"subject\":\"acme\",\"data\":%s}";
    return List.of(
        raw("broken JSON", "{\"specversion\": \"1.0\", ", DeadLetterReason.NOT_JSON, "JSON", null),
        raw("empty record", "", DeadLetterReason.NOT_JSON, "", null),
        raw("a JSON array", "[1,2,3]", DeadLetterReason.NOT_A_CLOUDEVENT, "", null),
        raw("no specversion", "{\"id\":\"r1\",\"source\":\"/x\",\"type\":\"t\"}", DeadLetterReason.NOT_A_CLOUDEVENT,
            "specversion", null),
        raw("a lifecycle event on the request topic", envelope.replace("tenant.requested", "tenant.ready")
            .formatted("{}"), DeadLetterReason.WRONG_TYPE, "tenant.events", "acme"),
        raw("data is a string", envelope.formatted("\"create acme\""), DeadLetterReason.BAD_DATA, "", "acme"),
        raw("workers is a string", envelope.formatted(data("\"workers\":\"two\"")), DeadLetterReason.BAD_DATA,
            "workers", "acme"),
        raw("replicas is fractional", envelope.formatted(data("\"controlPlaneReplicas\":1.5")),
            DeadLetterReason.BAD_DATA, "controlPlaneReplicas", "acme"),
        raw("unknown field in cluster", envelope.formatted(data("\"gpu\":true")), DeadLetterReason.BAD_DATA,
            "gpu", "acme"),
        raw("unknown action", envelope.formatted("{\"requestId\":\"r1\",\"action\":\"resize\",\"tenant\":\"acme\","
            + "\"requestedBy\":\"ops\"}"), DeadLetterReason.BAD_DATA, "resize", "acme"),
        new Bad("oversize record", envelope.formatted(data("\"version\":\"" + "v".repeat(70_000) + "\""))
            .getBytes(StandardCharsets.UTF_8), DeadLetterReason.TOO_LARGE, "limit", null));
  }

  private static List<Bad> names() {
    List<Bad> bad = new ArrayList<>();
    for (String name : List.of("Acme", "acme.corp", "acme/prod", "acmé", "-acme", "acme-", "a".repeat(64),
        "a".repeat(41), "acme_prod", " acme")) {
      bad.add(invalid("tenant name " + (name.length() > 20 ? name.length() + " characters" : "'" + name + "'"),
          new TenantRequest(id(), Action.CREATE, name, "ops", ClusterSpec.UNCHANGED), "tenant", null));
    }
    bad.add(invalid("tenant missing", new TenantRequest(id(), Action.CREATE, null, "ops", ClusterSpec.UNCHANGED),
        "tenant is missing", null));
    bad.add(invalid("requestedBy missing", new TenantRequest(id(), Action.CREATE, "acme", " ",
        ClusterSpec.UNCHANGED), "requestedBy", "acme"));
    return bad;
  }

  private static List<Bad> clusters() {
    return List.of(
        create("even replicas", ClusterSpec.UNCHANGED.withControlPlaneReplicas(2), "even"),
        create("zero replicas", ClusterSpec.UNCHANGED.withControlPlaneReplicas(0), "controlPlaneReplicas 0"),
        create("negative replicas", ClusterSpec.UNCHANGED.withControlPlaneReplicas(-3), "controlPlaneReplicas -3"),
        create("nine replicas", ClusterSpec.UNCHANGED.withControlPlaneReplicas(9), "controlPlaneReplicas 9"),
        create("negative workers", ClusterSpec.UNCHANGED.withWorkers(-1), "workers"),
        create("too many workers", ClusterSpec.UNCHANGED.withWorkers(5000), "workers"),
        create("version 1.32", ClusterSpec.UNCHANGED.withVersion("1.32"), "v1.32.8+k0s.0"),
        create("version latest", ClusterSpec.UNCHANGED.withVersion("latest"), "latest"),
        create("version with two suffixes", ClusterSpec.UNCHANGED.withVersion("v1.32.8+k0s.0+k0s.1"), "version"),
        create("unknown infrastructure", new ClusterSpec(null, null, null, null, null, null, "vsphere"), "vsphere"),
        create("unknown cni", new ClusterSpec(null, null, null, "flannel", null, null, null), "flannel"),
        create("unknown service type", new ClusterSpec(null, null, null, null, null, "Ingress", null), "Ingress"),
        create("unknown persistence", new ClusterSpec(null, null, null, null, "nfs", null, null), "nfs"));
  }

  private static Bad create(String name, ClusterSpec cluster, String reason) {
    return invalid(name, new TenantRequest(id(), Action.CREATE, "acme", "ops", cluster), reason, "acme");
  }

  private static Bad invalid(String name, TenantRequest request, String reason, String tenant) {
    return new Bad(name, CODEC.encodeRequest(request), DeadLetterReason.INVALID, reason, tenant);
  }

  private static Bad raw(String name, String json, DeadLetterReason code, String reason, String tenant) {
    return new Bad(name, json.getBytes(StandardCharsets.UTF_8), code, reason, tenant);
  }

  private static String data(String clusterField) {
    return "{\"requestId\":\"r1\",\"action\":\"create\",\"tenant\":\"acme\",\"requestedBy\":\"ops\",\"cluster\":{"
        + clusterField + "}}";
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
