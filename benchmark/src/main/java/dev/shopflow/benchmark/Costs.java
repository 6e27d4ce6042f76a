package dev.shopflow.benchmark;

import java.util.Map;

/**
 * The cost meter of a run, if one could be opened: snapshots at the start and end of each
 * phase, and of the measured part of the run (after the warm-up).
 */
final class Costs implements AutoCloseable {

	private final CostMeter meter;

	private CostSnapshot measuringSince;

	private Costs(CostMeter meter) {
		this.meter = meter;
	}

	static Costs open(StackUnderTest stack, Map<String, Long> pids) {
		try {
			return new Costs(new CostMeter(stack.orderDb(), stack.dbUser(),
					JdbcUrls.stackDatabasePattern(stack.orderDb()), pids, stack.kafka()));
		}
		catch (Exception ex) {
			System.err.println("No figures per saga: " + ex.getMessage());
			return new Costs(null);
		}
	}

	/**
	 * @return the counters now, {@code null} without a meter
	 */
	CostSnapshot snapshot() {
		return (this.meter != null) ? this.meter.snapshot() : null;
	}

	/**
	 * @param before a snapshot
	 * @param sagas sagas completed since
	 * @return the costs since, {@code null} without a meter
	 */
	SagaCosts since(CostSnapshot before, long sagas) {
		return (before != null) ? SagaCosts.between(before, snapshot(), sagas, ClockTicks.perSecond()) : null;
	}

	void startMeasuring() {
		this.measuringSince = snapshot();
	}

	SagaCosts sinceStartOfMeasuring(long sagas) {
		return since(this.measuringSince, sagas);
	}

	@Override
	public void close() {
		if (this.meter != null) {
			this.meter.close();
		}
	}

}
