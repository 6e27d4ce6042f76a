package dev.shopflow.benchmark;

import java.util.stream.LongStream;

import dev.shopflow.benchmark.Latencies.Percentiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class LatenciesTests {

	@Test
	void summarisesNothingAsZeros() {
		Latencies latencies = new Latencies(3);

		assertThat(latencies.count()).isZero();
		assertThat(latencies.percentileMillis(99)).isZero();
		assertThat(latencies.summary()).isEqualTo(new Percentiles(0, 0, 0, 0, 0, 0));
	}

	@Test
	void summarisesOneSampleAsThatSampleAtEveryPercentile() {
		Latencies latencies = new Latencies(3);
		latencies.recordMicros(1_500);

		assertThat(latencies.summary()).isEqualTo(new Percentiles(1, 1.5, 1.5, 1.5, 1.5, 1.5));
	}

	@Test
	void findsThePercentilesOfOneToAHundredMilliseconds() {
		Latencies latencies = new Latencies(3);
		LongStream.rangeClosed(1, 100).map((millis) -> millis * 1_000).forEach(latencies::recordMicros);

		assertThat(latencies.summary()).isEqualTo(new Percentiles(100, 50, 95, 99, 100, 100));
	}

	@Test
	void letsTheSlowestTenthOfAPercentDecideTheTail() {
		Latencies latencies = new Latencies(3);
		LongStream.range(0, 999).forEach((i) -> latencies.recordMicros(2_000));
		latencies.recordMicros(900_000);

		Percentiles summary = latencies.summary();
		assertThat(summary.p50()).isEqualTo(2.0);
		assertThat(summary.p99()).isEqualTo(2.0);
		assertThat(summary.p999()).isEqualTo(2.0);
		assertThat(summary.max()).isCloseTo(900, withinPercentage(0.1));
	}

	@Test
	void recordsNanosecondsAsMicroseconds() {
		Latencies latencies = new Latencies(3);
		latencies.recordNanos(1_500_999);

		assertThat(latencies.percentileMillis(50)).isEqualTo(1.5);
	}

	@Test
	void roundsTheSummaryToATenthOfAMillisecond() {
		Latencies latencies = new Latencies(3);
		latencies.recordMicros(1_234);

		assertThat(latencies.percentileMillis(50)).isEqualTo(1.234);
		assertThat(latencies.summary().p50()).isEqualTo(1.2);
	}

	@Test
	void clampsNegativeAndOverlongLatenciesInsteadOfFailing() {
		Latencies latencies = new Latencies(3);
		latencies.recordMicros(-5);
		latencies.recordMicros(Long.MAX_VALUE);

		assertThat(latencies.count()).isEqualTo(2);
		assertThat(latencies.percentileMillis(50)).isZero();
		assertThat(latencies.summary().max()).isCloseTo(600_000, withinPercentage(0.1));
	}

	@Test
	void staysWithinOnePercentWithTwoSignificantDigits() {
		Latencies latencies = new Latencies(2);
		LongStream.rangeClosed(1, 1_000).map((millis) -> millis * 1_000).forEach(latencies::recordMicros);

		assertThat(latencies.percentileMillis(50)).isCloseTo(500, withinPercentage(1));
		assertThat(latencies.percentileMillis(99)).isCloseTo(990, withinPercentage(1));
	}

}
