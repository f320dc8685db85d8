package dev.tenantplatform.api;

import dev.tenantplatform.events.KubeconfigRead;
import dev.tenantplatform.events.TenantRequest;
import io.vertx.core.Future;
import io.vertx.kafka.client.producer.RecordMetadata;

/** Where the API writes tenant requests: {@code tenant.requests} ({@link KafkaRequestLog}). */
interface RequestLog {

  /** Completes once the request is durably on the log, with where it was written. */
  Future<RecordMetadata> append(TenantRequest request);

  /** Completes once the record of a kubeconfig read is durably on the log, beside the requests. */
  Future<RecordMetadata> record(KubeconfigRead read);

  Future<Void> close();
}
