package dev.shopflow.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the stack spent between two snapshots, in total and per completed saga: figures
 * that carry over from one machine to another, unlike rates and latencies.
 *
 * @param sagas completed sagas (orders seen final) in the window
 * @param seconds length of the window
 * @param transactions PostgreSQL transactions of the stack's databases
 * @param rowsWritten rows inserted, updated or deleted in those databases
 * @param walSyncs WAL syncs of the cluster ({@code null}: not known)
 * @param kafkaRecords records (offsets, transaction markers included) appended to the
 * saga topics ({@code null}: not known)
 * @param kafkaInternalRecords records appended to the broker's internal topics
 * ({@code null}: not known)
 * @param cpuMs CPU milliseconds by process
 * @param stackCpuMs CPU milliseconds of the stack: every process but the load generator
 * and the database backends' share (already in the cluster's figure)
 * @param transactionsPerSaga transactions per completed saga ({@code null}: no saga)
 * @param rowsWrittenPerSaga rows written per completed saga
 * @param walSyncsPerSaga WAL syncs per completed saga
 * @param kafkaRecordsPerSaga saga-topic records per completed saga
 * @param kafkaInternalRecordsPerSaga internal-topic records per completed saga
 * @param cpuMsPerSaga CPU milliseconds per completed saga, by process
 * @param stackCpuMsPerSaga CPU milliseconds of the whole stack per completed saga
 */
record SagaCosts(long sagas, double seconds, long transactions, long rowsWritten, Long walSyncs, Long kafkaRecords,
		Long kafkaInternalRecords, Map<String, Double> cpuMs, double stackCpuMs, Double transactionsPerSaga,
		Double rowsWrittenPerSaga, Double walSyncsPerSaga, Double kafkaRecordsPerSaga,
		Double kafkaInternalRecordsPerSaga, Map<String, Double> cpuMsPerSaga, Double stackCpuMsPerSaga) {

	/** Processes measured but not part of the stack's own CPU total. */
	static final Set<String> NOT_IN_STACK_TOTAL = Set.of(ProcessMonitor.LOAD_GENERATOR, CostMeter.POSTGRES_BACKENDS);

	/**
	 * The costs between two snapshots.
	 * @param start at the start of the window
	 * @param end at its end
	 * @param sagas sagas completed in the window
	 * @param ticksPerSecond clock ticks per second of the CPU counters
	 * @return the costs
	 */
	static SagaCosts between(CostSnapshot start, CostSnapshot end, long sagas, long ticksPerSecond) {
		Map<String, Double> cpuMs = new LinkedHashMap<>();
		double stackCpuMs = 0;
		for (Map.Entry<String, Long> process : end.cpuTicks().entrySet()) {
			Long before = start.cpuTicks().get(process.getKey());
			if (before == null) {
				continue;
			}
			double millis = Math.max(0, process.getValue() - before) * 1000.0 / ticksPerSecond;
			cpuMs.put(process.getKey(), millis);
			if (!NOT_IN_STACK_TOTAL.contains(process.getKey())) {
				stackCpuMs += millis;
			}
		}
		long transactions = end.transactions() - start.transactions();
		long rows = end.rowsWritten() - start.rowsWritten();
		Long walSyncs = delta(start.walSyncs(), end.walSyncs());
		Long kafka = delta(start.kafkaRecords(), end.kafkaRecords());
		Long kafkaInternal = delta(start.kafkaInternalRecords(), end.kafkaInternalRecords());
		Map<String, Double> cpuMsPerSaga = new LinkedHashMap<>();
		if (sagas > 0) {
			cpuMs.forEach((name, millis) -> cpuMsPerSaga.put(name, round(millis / sagas)));
		}
		Map<String, Double> cpuMsRounded = new LinkedHashMap<>();
		cpuMs.forEach((name, millis) -> cpuMsRounded.put(name, round(millis)));
		return new SagaCosts(sagas, round((end.nanos() - start.nanos()) / 1e9), transactions, rows, walSyncs, kafka,
				kafkaInternal, cpuMsRounded, round(stackCpuMs), perSaga(transactions, sagas), perSaga(rows, sagas),
				perSaga(walSyncs, sagas), perSaga(kafka, sagas), perSaga(kafkaInternal, sagas), cpuMsPerSaga,
				perSaga(stackCpuMs, sagas));
	}

	private static Long delta(long start, long end) {
		return (start == CostSnapshot.UNKNOWN || end == CostSnapshot.UNKNOWN) ? null : end - start;
	}

	private static Double perSaga(Number total, long sagas) {
		return (total == null || sagas <= 0) ? null : round(total.doubleValue() / sagas);
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
