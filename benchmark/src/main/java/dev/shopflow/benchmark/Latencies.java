package dev.shopflow.benchmark;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in microseconds (HdrHistogram, safe for concurrent recording),
 * summarised in milliseconds.
 */
final class Latencies {

	private static final long TEN_MINUTES_MICROS = 600_000_000L;

	private final Histogram histogram;

	Latencies(int significantDigits) {
		this.histogram = new ConcurrentHistogram(TEN_MINUTES_MICROS, significantDigits);
	}

	void recordNanos(long nanos) {
		recordMicros(nanos / 1000);
	}

	void recordMicros(long micros) {
		this.histogram.recordValue(Math.clamp(micros, 0, TEN_MINUTES_MICROS));
	}

	long count() {
		return this.histogram.getTotalCount();
	}

	double percentileMillis(double percentile) {
		return (count() == 0) ? 0 : this.histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	Percentiles summary() {
		return new Percentiles(count(), round(percentileMillis(50)), round(percentileMillis(95)),
				round(percentileMillis(99)), round(percentileMillis(99.9)),
				round((count() == 0) ? 0 : this.histogram.getMaxValue() / 1000.0));
	}

	private static double round(double millis) {
		return Math.round(millis * 10) / 10.0;
	}

	/**
	 * A latency summary in milliseconds.
	 *
	 * @param count how many were recorded
	 * @param p50 the median
	 * @param p95 the 95th percentile
	 * @param p99 the 99th percentile
	 * @param p999 the 99.9th percentile
	 * @param max the largest
	 */
	record Percentiles(long count, double p50, double p95, double p99, double p999, double max) {

	}

}
