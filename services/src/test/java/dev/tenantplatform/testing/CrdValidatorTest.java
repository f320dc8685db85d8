package dev.tenantplatform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The contract tests are only as good as this validator: it must catch the mistakes the seed made. */
class CrdValidatorTest {

  private final CrdValidator crds = CrdValidator.fromSharedFolder();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void acceptsTheDockerClusterOfK0smotronsExample() throws Exception {
    assertThat(crds.problems(doc("""
        {"apiVersion":"infrastructure.cluster.x-k8s.io/v1beta2","kind":"DockerCluster",
         "metadata":{"name":"acme","annotations":{"cluster.x-k8s.io/managed-by":"k0smotron"}},"spec":{}}"""))).isEmpty();
  }

  @Test
  void flagsAV1beta1FieldOnAV1beta2ControlPlaneThatTheApiServerWouldSilentlyDrop() throws Exception {
    assertThat(crds.problems(doc("""
        {"apiVersion":"controlplane.cluster.x-k8s.io/v1beta2","kind":"K0smotronControlPlane",
         "metadata":{"name":"acme-cp"},"spec":{"version":"v1.32.8+k0s.0","etcd":{"image":"x"}}}""")))
        .anySatisfy(p -> assertThat(p).contains("unknown field $.spec.etcd"));
  }

  @Test
  void flagsAnApiVersionInsideAV1beta2ReferenceAndAMissingRequiredField() throws Exception {
    assertThat(crds.problems(doc("""
        {"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"Cluster","metadata":{"name":"acme"},
         "spec":{"controlPlaneRef":{"apiVersion":"controlplane.cluster.x-k8s.io/v1beta2",
                 "kind":"K0smotronControlPlane","name":"acme-cp"}}}""")))
        .anySatisfy(p -> assertThat(p).contains("unknown field $.spec.controlPlaneRef.apiVersion"))
        .anySatisfy(p -> assertThat(p).contains("apiGroup"));
  }

  @Test
  void keepsTheTwoKindsNamedClusterApart() throws Exception {
    assertThat(crds.problems(doc("""
        {"apiVersion":"k0smotron.io/v1beta2","kind":"Cluster","metadata":{"name":"acme"},
         "spec":{"clusterNetwork":{}}}""")))
        .anySatisfy(p -> assertThat(p).contains("unknown field $.spec.clusterNetwork"));
  }

  private JsonNode doc(String text) throws Exception {
    return json.readTree(text);
  }
}
