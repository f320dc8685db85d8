/**
 * Pure: what hosted control planes save. {@link dev.tenantplatform.metrics.model.SavingsFold} folds
 * {@code tenant.events} into each tenant's inputs, {@link dev.tenantplatform.metrics.model.SavingsModel} compares
 * them with a configured baseline of dedicated control-plane machines
 * ({@link dev.tenantplatform.metrics.model.SavingsConfig}) and publishes the formula. No I/O; the API, the CLI and
 * the meters all show the same {@link dev.tenantplatform.metrics.model.SavingsReport}.
 */
package dev.tenantplatform.metrics.model;
