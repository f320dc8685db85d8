/**
 * The audit replay's pure core: records of {@code tenant.requests}, {@code tenant.events} and
 * {@code tenant.requests.dlq} in ({@link dev.tenantplatform.audit.fold.LogRecord}), a report out
 * ({@link dev.tenantplatform.audit.fold.AuditFold} → {@link dev.tenantplatform.audit.fold.AuditReport} →
 * {@link dev.tenantplatform.audit.fold.ReportFormat}). No clock, no I/O beyond the {@code Writer} a report is
 * rendered to: the same records give the same report and the same bytes, which is what lets an auditor compare
 * two replays, and lets tests run without Kafka.
 *
 * <p>Per tenant the report shows who asked for what ({@code requestedBy}, action, the spec asked), what
 * happened (the events in log order), what was refused and why (dead letters, {@code tenant.rejected}), the
 * durations {@code tenant.ready} measured, and where the tenant stood at the end. With verification, every
 * chain is checked by the contract's {@link dev.tenantplatform.events.ChainVerifier} and each break is pinned to
 * the first bad record by topic, partition and offset.
 *
 * <p>Reads of a tenant's kubeconfig are on {@code tenant.requests} beside the requests (the API records each
 * before it hands the kubeconfig out): each shows in the history, and who read it, how often and when last, in
 * the tenant's block, also at a point in time.
 */
package dev.tenantplatform.audit.fold;
