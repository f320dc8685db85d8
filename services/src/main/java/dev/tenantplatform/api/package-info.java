/**
 * The HTTP API: where a request enters the platform from people and systems.
 *
 * <p>{@link dev.tenantplatform.api.Api} is a router to mount under {@code /api/v1}. Changes (create, update,
 * delete) become {@link dev.tenantplatform.events.TenantRequest}s on {@code tenant.requests}, keyed by tenant, in
 * the caller's name; the answer is 202 only after Kafka acknowledged the write. Reads are answered from the
 * {@link dev.tenantplatform.api.TenantView}, a fold of {@code tenant.events} that every instance builds from the
 * whole log (assigned partitions, no consumer group), so every instance answers alike once it has read as far;
 * right after a 202 the tenant may not show yet (it shows once the provisioner accepted the request).
 *
 * <p>{@code GET /savings} (admin) answers the savings report from the same events: the view feeds a
 * {@link dev.tenantplatform.metrics.model.SavingsFold} (the pure savings model, a library like {@code events}) and
 * renders what {@link dev.tenantplatform.metrics.model.SavingsModel} makes of it; {@code ?profile=} picks another
 * baseline.
 *
 * <p>Access: bearer JWTs checked against the configured issuer and keys ({@link dev.tenantplatform.api.TokenConfig}).
 * The admin scope sees and does everything; a token with a tenant claim reads its own tenant only, and any other
 * tenant is answered exactly as a tenant that does not exist. A kubeconfig read is logged with who read it (there
 * is no lifecycle event type for it: events describe the tenant's cluster, not its readers) and counted in
 * {@code tenantplatform_api_kubeconfig_reads_total}; its content is never logged.
 *
 * <p>Limits: request bodies ({@code 413}), a token bucket per token subject ({@code 429} with
 * {@code Retry-After}; per instance), a timeout per request ({@code 503}). Requests are validated against
 * {@code api/openapi.yaml}, served at {@code /api/v1/openapi.yaml}, and then against the platform's
 * {@link dev.tenantplatform.events.RequestLimits}, so a mistake is answered at once, not found later in the DLQ.
 */
package dev.tenantplatform.api;
