package dev.shopflow.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SagaCostsTests {

	@Test
	void dividesEveryDifferenceByTheCompletedSagas() {
		CostSnapshot start = snapshot(0, 1000, 5000, 300, 70, 10, Map.of("order-service", 100L, "kafka", 50L,
				CostMeter.POSTGRES, 20L, CostMeter.POSTGRES_BACKENDS, 10L, ProcessMonitor.LOAD_GENERATOR, 5L));
		CostSnapshot end = snapshot(20_000_000_000L, 3000, 9000, 700, 1470, 210, Map.of("order-service", 500L, "kafka",
				250L, CostMeter.POSTGRES, 120L, CostMeter.POSTGRES_BACKENDS, 90L, ProcessMonitor.LOAD_GENERATOR, 105L));

		SagaCosts costs = SagaCosts.between(start, end, 200, 100);

		assertThat(costs.seconds()).isEqualTo(20.0);
		assertThat(costs.transactions()).isEqualTo(2000);
		assertThat(costs.transactionsPerSaga()).isEqualTo(10.0);
		assertThat(costs.rowsWrittenPerSaga()).isEqualTo(20.0);
		assertThat(costs.walSyncsPerSaga()).isEqualTo(2.0);
		assertThat(costs.kafkaRecordsPerSaga()).isEqualTo(7.0);
		assertThat(costs.kafkaInternalRecordsPerSaga()).isEqualTo(1.0);
		// 400 ticks of 10 ms = 4000 ms over 200 sagas
		assertThat(costs.cpuMsPerSaga()).containsEntry("order-service", 20.0)
			.containsEntry("kafka", 10.0)
			.containsEntry(CostMeter.POSTGRES, 5.0)
			.containsEntry(CostMeter.POSTGRES_BACKENDS, 4.0)
			.containsEntry(ProcessMonitor.LOAD_GENERATOR, 5.0);
	}

	@Test
	void theStackTotalLeavesOutTheGeneratorAndCountsPostgresOnce() {
		CostSnapshot start = snapshot(0, 0, 0, 0, 0, 0, Map.of("gateway", 0L, CostMeter.POSTGRES, 0L,
				CostMeter.POSTGRES_BACKENDS, 0L, ProcessMonitor.LOAD_GENERATOR, 0L));
		CostSnapshot end = snapshot(1, 0, 0, 0, 0, 0, Map.of("gateway", 100L, CostMeter.POSTGRES, 50L,
				CostMeter.POSTGRES_BACKENDS, 40L, ProcessMonitor.LOAD_GENERATOR, 70L));

		SagaCosts costs = SagaCosts.between(start, end, 10, 100);

		assertThat(costs.stackCpuMs()).isEqualTo(1500.0);
		assertThat(costs.stackCpuMsPerSaga()).isEqualTo(150.0);
	}

	@Test
	void unknownCountersAndNoSagasGiveNoFigures() {
		CostSnapshot start = snapshot(0, 10, 10, CostSnapshot.UNKNOWN, CostSnapshot.UNKNOWN, 0, Map.of());
		CostSnapshot end = snapshot(1, 20, 20, 5, CostSnapshot.UNKNOWN, 0, Map.of());

		SagaCosts costs = SagaCosts.between(start, end, 0, 100);

		assertThat(costs.walSyncs()).isNull();
		assertThat(costs.kafkaRecords()).isNull();
		assertThat(costs.transactions()).isEqualTo(10);
		assertThat(costs.transactionsPerSaga()).isNull();
		assertThat(costs.stackCpuMsPerSaga()).isNull();
		assertThat(costs.cpuMsPerSaga()).isEmpty();
	}

	@Test
	void aProcessSeenOnlyAtTheEndIsLeftOut() {
		CostSnapshot start = snapshot(0, 0, 0, 0, 0, 0, Map.of());
		CostSnapshot end = snapshot(1, 0, 0, 0, 0, 0, Map.of("gateway", 1000L));

		assertThat(SagaCosts.between(start, end, 1, 100).cpuMs()).isEmpty();
	}

	private static CostSnapshot snapshot(long nanos, long transactions, long rows, long walSyncs, long kafka,
			long internal, Map<String, Long> cpu) {
		return new CostSnapshot(nanos, transactions, rows, walSyncs, kafka, internal, new LinkedHashMap<>(cpu));
	}

}
