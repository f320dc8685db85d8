/**
 * The audit replay's shell: reads a window of {@code tenant.requests}, {@code tenant.events} and
 * {@code tenant.requests.dlq} read-only ({@link dev.tenantplatform.audit.LogScan}: assigned partitions, no
 * consumer group, offsets-for-times for the window's start, the end offsets taken at the start), hands the
 * records to the pure fold ({@code audit.fold}) and writes its report ({@link dev.tenantplatform.audit.Replay}).
 * Progress for a person at a terminal: {@link dev.tenantplatform.audit.ReplayProgress}.
 */
package dev.tenantplatform.audit;
