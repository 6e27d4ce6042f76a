package dev.shopflow.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTests {

	private static final long START = 1_000_000_000_000L;

	private static final long SECOND = 1_000_000_000L;

	private static final long MILLI = 1_000_000L;

	private final Timeline timeline = new Timeline(START);

	@Test
	void countsWhatHappenedInEachSecond() {
		this.timeline.offered(START);
		this.timeline.offered(START + SECOND / 2);
		this.timeline.placed(START + SECOND / 2, 20 * MILLI);
		this.timeline.error(START + 2 * SECOND);
		this.timeline.completed(START + 2 * SECOND + 1, 300 * MILLI);

		Timeline.Series series = this.timeline.series(START + 2 * SECOND + SECOND / 2);
		assertThat(series.offeredPerSecond()).containsExactly(2L, 0L, 0L);
		assertThat(series.placedPerSecond()).containsExactly(1L, 0L, 0L);
		assertThat(series.errorsPerSecond()).containsExactly(0L, 0L, 1L);
		assertThat(series.completedPerSecond()).containsExactly(0L, 0L, 1L);
	}

	@Test
	void reportsTheNinetyNinthPercentileOfEachSecondAndZeroForQuietSeconds() {
		for (int i = 1; i <= 100; i++) {
			this.timeline.placed(START + SECOND + i, i * MILLI);
		}

		Timeline.Series series = this.timeline.series(START + SECOND);
		assertThat(series.placementP99Millis()).hasSize(2);
		assertThat(series.placementP99Millis().get(0)).isZero();
		assertThat(series.placementP99Millis().get(1)).isBetween(98.0, 100.0);
		assertThat(series.finalP99Millis()).containsExactly(0.0, 0.0);
	}

	@Test
	void putsEventsBeforeTheStartIntoTheFirstSecondAndAfterTwoHoursIntoTheLast() {
		this.timeline.offered(START - 5 * SECOND);
		this.timeline.offered(START + 3 * 3_600 * SECOND);

		Timeline.Series series = this.timeline.series(START + 3 * 3_600 * SECOND);
		assertThat(series.offeredPerSecond()).hasSize(7_200);
		assertThat(series.offeredPerSecond().getFirst()).isEqualTo(1);
		assertThat(series.offeredPerSecond().getLast()).isEqualTo(1);
	}

	@Test
	void measuresSecondsSinceTheStart() {
		assertThat(this.timeline.secondsSinceStart(START + 1_500 * MILLI)).isEqualTo(1.5);
	}

}
