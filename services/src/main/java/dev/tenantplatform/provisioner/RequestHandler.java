package dev.tenantplatform.provisioner;

import io.vertx.core.Future;

/**
 * Carries out a request the triage let through (create, update, delete, or a redelivery to finish). It
 * completes once every resulting event is acknowledged; a failure it cannot turn into an event
 * (Kafka or the ledger unreachable) fails the future, and the record is tried again.
 */
interface RequestHandler {

  Future<Void> handle(Verdict verdict);

  /** Starts what the handler watches; the requests that need it wait for it, and try it again if it failed. */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  /** Ends what {@link #start} began, after the last request; may block (closing a watch), so not on an event loop. */
  default void close() {
  }
}
