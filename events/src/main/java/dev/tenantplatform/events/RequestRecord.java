package dev.tenantplatform.events;

/**
 * What a record of {@code tenant.requests} holds: a tenant request, or the record that someone read a
 * tenant's kubeconfig. Both are asks of a person or a system, kept on the same log so that an audit finds them
 * in one place and in order.
 */
public sealed interface RequestRecord permits RequestEnvelope, KubeconfigRead {
}
