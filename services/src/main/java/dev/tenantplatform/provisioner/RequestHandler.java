package dev.tenantplatform.provisioner;

import io.vertx.core.Future;

/**
 * Carries out a request the triage let through (create, update, delete, or a redelivery to finish). It
 * completes once every resulting event is acknowledged; a failure it cannot turn into an event
 * (Kafka or the ledger unreachable) fails the future, and the record is tried again.
 */
interface RequestHandler {

  Future<Void> handle(Verdict verdict);
}
