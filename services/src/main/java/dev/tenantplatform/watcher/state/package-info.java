/**
 * Pure: a tenant's observed objects (slim views) and its chain's record in, its state, the Action 10 checks and
 * the lifecycle events the chain lacks out. No I/O; tested without Kafka or Kubernetes.
 */
package dev.tenantplatform.watcher.state;
