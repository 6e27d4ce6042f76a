package dev.shopflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened in each second of the whole run (across phases), for the charts: orders
 * offered, placed and completed, errors, and the 99th percentiles of both latencies.
 */
final class Timeline {

	private static final int SECONDS = 7200;

	private final long startNanos;

	private final LongAdder[] offered = adders();

	private final LongAdder[] placed = adders();

	private final LongAdder[] completed = adders();

	private final LongAdder[] errors = adders();

	private final AtomicReferenceArray<Latencies> placement = new AtomicReferenceArray<>(SECONDS);

	private final AtomicReferenceArray<Latencies> toFinal = new AtomicReferenceArray<>(SECONDS);

	Timeline(long startNanos) {
		this.startNanos = startNanos;
	}

	long startNanos() {
		return this.startNanos;
	}

	double secondsSinceStart(long nanos) {
		return (nanos - this.startNanos) / 1e9;
	}

	void offered(long nanos) {
		this.offered[second(nanos)].increment();
	}

	void placed(long nanos, long latencyNanos) {
		int second = second(nanos);
		this.placed[second].increment();
		latencies(this.placement, second).recordNanos(latencyNanos);
	}

	void completed(long nanos, long latencyNanos) {
		int second = second(nanos);
		this.completed[second].increment();
		latencies(this.toFinal, second).recordNanos(latencyNanos);
	}

	void error(long nanos) {
		this.errors[second(nanos)].increment();
	}

	/**
	 * The per-second series up to a point in time.
	 * @param endNanos the end
	 * @return the series
	 */
	Series series(long endNanos) {
		int seconds = Math.min(SECONDS, second(endNanos) + 1);
		Series series = new Series(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
				new ArrayList<>(), new ArrayList<>());
		for (int i = 0; i < seconds; i++) {
			series.offeredPerSecond().add(this.offered[i].sum());
			series.placedPerSecond().add(this.placed[i].sum());
			series.completedPerSecond().add(this.completed[i].sum());
			series.errorsPerSecond().add(this.errors[i].sum());
			series.placementP99Millis().add(p99(this.placement.get(i)));
			series.finalP99Millis().add(p99(this.toFinal.get(i)));
		}
		return series;
	}

	private static double p99(Latencies latencies) {
		return (latencies != null) ? latencies.percentileMillis(99) : 0;
	}

	private int second(long nanos) {
		return (int) Math.clamp((nanos - this.startNanos) / 1_000_000_000L, 0, SECONDS - 1);
	}

	private static Latencies latencies(AtomicReferenceArray<Latencies> array, int second) {
		Latencies latencies = array.get(second);
		if (latencies == null) {
			array.compareAndSet(second, null, new Latencies(2));
			latencies = array.get(second);
		}
		return latencies;
	}

	private static LongAdder[] adders() {
		LongAdder[] adders = new LongAdder[SECONDS];
		for (int i = 0; i < SECONDS; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

	/**
	 * Per-second values, index = second since the start of the run.
	 *
	 * @param offeredPerSecond orders whose intended start fell in that second
	 * @param placedPerSecond {@code POST /api/orders} answered 202
	 * @param completedPerSecond orders seen final
	 * @param errorsPerSecond failed requests
	 * @param placementP99Millis p99 of the placements answered in that second
	 * @param finalP99Millis p99 of placement-to-final of the orders seen final in that
	 * second
	 */
	record Series(List<Long> offeredPerSecond, List<Long> placedPerSecond, List<Long> completedPerSecond,
			List<Long> errorsPerSecond, List<Double> placementP99Millis, List<Double> finalP99Millis) {

	}

}
