/**
 * The ledger: the single writer of every tenant's event chain on {@code tenant.events}.
 *
 * <p><b>What it keeps.</b> Per tenant, a {@link dev.tenantplatform.support.TenantRecord} (the chain's head,
 * the last accepted spec, the lifecycle; {@link dev.tenantplatform.ledger.LedgerFold}) and the once-keys of
 * its latest events, a bounded number of them. Never the events: the log holds those.
 *
 * <p><b>Appending.</b> The appends of one tenant run one after the other, each starting when the one before
 * it is done, whatever its outcome. An entry whose once-key the chain holds is left out. The others are sealed
 * on the head, encoded as CloudEvents and produced to {@code tenant.events} keyed by tenant, by the
 * partition's transactional producer ({@link dev.tenantplatform.ledger.PartitionWriter}, idempotent, {@code
 * acks=all}). An append answers with its sealed events once their transactions are committed; the head and the
 * once-keys move only then.
 *
 * <p><b>One event at a time, and why.</b> The events of an append are sent one by one, each after the ack of
 * the one before. The idempotent producer does keep the order of a partition's records across retries (it
 * allows at most five requests in flight for that), but not across a failure: when a record fails for good
 * (too large, delivery timeout), the records sent after it are still written — the producer renumbers those it
 * had queued behind it. Sent
 * together, events 4 and 5 could end as a log with 5 and without 4 — a gap — and the next append would seal a
 * new 4 — a fork. Sent one by one, nothing follows a failed event: the chain stays at the last acknowledged
 * event and the next append goes on from there. The price is one round trip per event of one tenant; the
 * appends of different tenants are in flight together and share the producer's batches.
 *
 * <p><b>A failure that did write.</b> A send can fail although the broker wrote the record (the ack was
 * lost, the timeout struck after the write). After any failure the tenant's chain is marked unsure, and its
 * next append first reads the tenant's partition after the head and takes in what it finds there, so a
 * record that did land is continued, not overwritten, and its once-key is held. A record of a transaction that
 * failed is aborted, and readers read committed records only, so a write that lands later than that read
 * (stuck in the network past the delivery timeout) is no part of the chain either.
 *
 * <p><b>Restoring.</b> At start, and for the partitions an instance takes over
 * ({@link dev.tenantplatform.ledger.Ledger#restore(java.util.Set)}), the ledger reads {@code tenant.events}
 * from the beginning to the end with a plain consumer (assigned partitions, no group, nothing committed, on a
 * worker thread), verifying every chain as it folds it. A broken chain is logged as an ERROR with the tenant
 * and sequence; its head stays at the highest sequence in the log, so the ledger goes on after it and never
 * forks. Once-keys are recovered from the events as {@code requestId + "/" + type}: the form of
 * {@code TenantLedger.Entry.once}. A once-entry with a key of another form is held only in memory until a
 * restart.
 *
 * <p><b>Several instances.</b> One writer per tenant is the owner of the tenant's partition. A tenant's
 * partition of {@code tenant.events} is {@link dev.tenantplatform.ledger.Ledger#partitionOf(String, int)} —
 * the same number as its partition of {@code tenant.requests} while both topics have as many partitions, since
 * both are keyed by tenant name with the default partitioner — so the instance assigned a partition of
 * requests restores and writes the partition of events with that number. The provisioner's rebalance listener
 * calls {@link dev.tenantplatform.ledger.Ledger#handOver(java.util.Set)} before a partition goes (appends of its
 * tenants are refused from then on, and the sends under way are waited for) and
 * {@link dev.tenantplatform.ledger.Ledger#takeOver(java.util.Set)} when one comes (its chains are read back, then
 * written). Taking a partition over opens its writer first, so the broker fences off the previous owner's
 * producer before the chains are read back: an owner that never heard it lost the partition (paused past its
 * session, dropped from the group with work in flight) has its next write refused and stops writing those
 * tenants. A platform instance starts with every partition handed over
 * ({@link dev.tenantplatform.ledger.Ledger#startShared}), so it writes nothing before the group gives it
 * partitions; {@link dev.tenantplatform.ledger.Ledger#writes(String)} tells the watcher which tenants are its own.
 */
package dev.tenantplatform.ledger;
