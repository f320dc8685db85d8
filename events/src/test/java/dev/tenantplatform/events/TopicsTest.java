package dev.tenantplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void theThreeTopicsOfTheContract() {
    assertThat(Topics.ALL).extracting(Topic::name)
        .containsExactly("tenant.requests", "tenant.events", "tenant.requests.dlq");
    assertThat(Topics.REQUESTS.valueType()).isEqualTo(TenantRequest.class);
    assertThat(Topics.EVENTS.valueType()).isEqualTo(TenantEvent.class);
    assertThat(Topics.DLQ.valueType()).isEqualTo(byte[].class);
  }

  @Test
  void everyTopicKeepsItsRecordsForeverAndIsNeverCompacted() {
    for (Topic<?> topic : Topics.ALL) {
      assertThat(topic.config()).as(topic.name())
          .containsEntry("retention.ms", "-1")
          .containsEntry("retention.bytes", "-1")
          .containsEntry("cleanup.policy", "delete");
    }
  }

  @Test
  void descriptorsSayWhatKeysAndValuesAre() {
    assertThat(Topics.REQUESTS.key()).startsWith("the tenant name");
    assertThat(Topics.REQUESTS.value()).contains("dev.tenantplatform.tenant.requested.v1")
        .contains("65536 bytes").contains("schemas/tenant-request.v1.schema.json");
    assertThat(Topics.EVENTS.value()).contains("schemas/tenant-event.v1.schema.json");
    assertThat(Topics.DLQ.value()).contains("dlq.reason", "dlq.source.topic", "dlq.source.partition",
        "dlq.source.offset", "dlq.tenant");
  }

  @Test
  void deadLetterHeadersAreDistinctAndNamespaced() {
    Set<String> headers = Stream.of(Topics.DLQ_REASON, Topics.DLQ_REASON_CODE, Topics.DLQ_SOURCE_TOPIC,
        Topics.DLQ_SOURCE_PARTITION, Topics.DLQ_SOURCE_OFFSET, Topics.DLQ_TENANT, Topics.DLQ_REQUEST_ID)
        .collect(Collectors.toSet());

    assertThat(headers).hasSize(7).allMatch(h -> h.startsWith("dlq."));
    assertThat(Topics.DLQ_REASON).isEqualTo("dlq.reason");
    assertThat(Topics.DLQ_SOURCE_OFFSET).isEqualTo("dlq.source.offset");
  }

  @Test
  void aRecordWithoutAReadableRequestIdIsNamedByItsPlace() {
    String id = Topics.REQUESTS.recordId(3, 1234);

    assertThat(id).isEqualTo("tenant.requests-3@1234");
    assertThat(new RequestValidator().validate(new TenantRequest(id, Action.DELETE, "acme", "crm", null)))
        .as("usable as the request id of a rejection").isEmpty();
  }

  @Test
  void theRequestLimitIs64KiB() {
    assertThat(Topics.MAX_REQUEST_BYTES).isEqualTo(65536);
    assertThat(RequestLimits.DEFAULT.maxRequestBytes()).isEqualTo(Topics.MAX_REQUEST_BYTES);
  }
}
