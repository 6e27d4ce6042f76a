package dev.shopflow.benchmark;

import java.util.Map;

/**
 * The stack's cumulative work counters at one moment; the difference of two snapshots is
 * what a phase cost ({@link SagaCosts}).
 *
 * @param nanos when ({@link System#nanoTime()})
 * @param transactions {@code xact_commit + xact_rollback} of {@code pg_stat_database},
 * summed over the stack's databases
 * @param rowsWritten {@code tup_inserted + tup_updated + tup_deleted}, same databases
 * @param walSyncs WAL syncs of the whole cluster ({@code pg_stat_wal.wal_sync}, or
 * {@code pg_stat_io} fsyncs of {@code wal} from PostgreSQL 18); -1 when unknown
 * @param kafkaRecords sum of the end offsets of the saga topics; -1 when unknown
 * @param kafkaInternalRecords sum of the end offsets of the broker's internal topics
 * (consumer offsets, transaction state); -1 when unknown
 * @param cpuTicks cumulative CPU time ({@code utime + stime}, clock ticks) by process
 */
record CostSnapshot(long nanos, long transactions, long rowsWritten, long walSyncs, long kafkaRecords,
		long kafkaInternalRecords, Map<String, Long> cpuTicks) {

	static final long UNKNOWN = -1;

}
