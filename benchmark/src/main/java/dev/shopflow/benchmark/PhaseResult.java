package dev.shopflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.shopflow.benchmark.Latencies.Percentiles;

/**
 * What one phase measured.
 *
 * @param name the phase ({@code warm-up}, {@code fixed-200}, {@code ramp-300})
 * @param targetRate the rate asked for, orders per second
 * @param durationSeconds how long the load was offered
 * @param startSecond when the phase started, seconds since the start of the run
 * @param endSecond when its last order was final (or abandoned)
 * @param offeredPerSecond orders offered per second of load
 * @param offered orders offered
 * @param placed orders accepted ({@code 202})
 * @param completed orders seen final
 * @param completedPerSecond completed sagas per second: completed orders over the time
 * from the phase's start to its last completion (at least the load's duration)
 * @param notFinal orders still in flight when the drain timeout ended the phase
 * @param outcomes final statuses (with the failure reason of rejections)
 * @param errors failed requests by call and status (or exception)
 * @param placementMs {@code POST /api/orders} latency from the intended start
 * @param toFinalMs placement to final status, from the intended start to the poll that
 * saw it final (includes up to one poll interval)
 * @param toFinalServerStampedMs from the intended start to the order's {@code updatedAt}
 * (exact when the stack runs on the generator's clock)
 * @param sagaServerMs {@code createdAt} to {@code updatedAt} of final orders: the saga
 * alone
 * @param maxRssMb largest resident set of each process during the phase
 * @param cpuPercent CPU use of each process during the phase, % of one core
 * @param sustained whether the stack kept up (see {@code verdict})
 * @param verdict why it did not keep up
 * @param sagaDeadlineSeconds the saga deadline the goodput is measured against
 * @param goodWithinDeadline orders confirmed (or declined by the card) within the saga
 * deadline, measured from their intended start
 * @param goodputPerSecond those per second of load
 * @param rejectedTimeout accepted orders that ended {@code REJECTED} with reason
 * {@code TIMEOUT}
 * @param refusals placements turned away with 429 or 503, by status, body (RFC 9457
 * problem or not) and {@code Retry-After} header; never retried
 * @param costs what the stack spent, per completed saga ({@code null}: not measured)
 */
record PhaseResult(String name, double targetRate, double durationSeconds, double startSecond, double endSecond,
		double offeredPerSecond, long offered, long placed, long completed, double completedPerSecond, long notFinal,
		Map<String, Long> outcomes, Map<String, Long> errors, Percentiles placementMs, Percentiles toFinalMs,
		Percentiles toFinalServerStampedMs, Percentiles sagaServerMs, Map<String, Double> maxRssMb,
		Map<String, Double> cpuPercent, boolean sustained, List<String> verdict, double sagaDeadlineSeconds,
		long goodWithinDeadline, double goodputPerSecond, long rejectedTimeout, Map<String, Long> refusals,
		SagaCosts costs) {

	/** Completion must follow the offered rate this closely to count as sustained. */
	static final double FOLLOW = 0.95;

	static final double MAX_ERROR_RATIO = 0.01;

	static final double MAX_PLACEMENT_P99_MS = 1000;

	static final double MAX_FINAL_P99_MS = 5000;

	static PhaseResult of(Phase phase, Timeline timeline, ProcessMonitor monitor, SagaCosts costs) {
		double loadSeconds = (phase.loadEndNanos - phase.startNanos) / 1e9;
		double untilLastCompletion = (phase.lastCompletionNanos.get() - phase.startNanos) / 1e9;
		double completedPerSecond = phase.completed.sum() / Math.max(loadSeconds, untilLastCompletion);
		long offered = phase.scheduled.sum();
		Percentiles placement = phase.placement.summary();
		Percentiles toFinal = phase.toFinalObserved.summary();
		Map<String, Long> outcomes = phase.outcomes();
		List<String> verdict = new ArrayList<>();
		if (completedPerSecond < FOLLOW * phase.rate()) {
			verdict
				.add("completion %.0f/s < %.0f%% of %.0f/s".formatted(completedPerSecond, FOLLOW * 100, phase.rate()));
		}
		if (phase.notFinal > 0) {
			verdict.add(phase.notFinal + " order(s) not final");
		}
		long failed = phase.errorCount("POST") + phase.errorCount("not sent");
		if (failed > MAX_ERROR_RATIO * offered) {
			verdict.add(failed + " placements failed");
		}
		long unexpected = outcomes.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("CONFIRMED") && !entry.getKey().endsWith("PAYMENT_DECLINED"))
			.mapToLong(Map.Entry::getValue)
			.sum();
		if (unexpected > MAX_ERROR_RATIO * offered) {
			verdict.add(unexpected + " orders rejected for another reason than a declined card");
		}
		if (placement.p99() > MAX_PLACEMENT_P99_MS) {
			verdict.add("POST p99 " + placement.p99() + " ms > " + MAX_PLACEMENT_P99_MS);
		}
		if (toFinal.p99() > MAX_FINAL_P99_MS) {
			verdict.add("placement-to-final p99 " + toFinal.p99() + " ms > " + MAX_FINAL_P99_MS);
		}
		return new PhaseResult(phase.name(), phase.rate(), round(loadSeconds),
				round(timeline.secondsSinceStart(phase.startNanos)),
				round(timeline.secondsSinceStart(phase.drainedNanos)), round(offered / loadSeconds), offered,
				phase.placed.sum(), phase.completed.sum(), round(completedPerSecond), phase.notFinal, outcomes,
				phase.errors(), placement, toFinal, phase.toFinalServer.summary(), phase.sagaServer.summary(),
				monitor.maxRssMb(phase.startNanos, phase.drainedNanos),
				monitor.cpuPercent(phase.startNanos, phase.loadEndNanos), verdict.isEmpty(), List.copyOf(verdict),
				phase.sagaDeadline().toMillis() / 1000.0, phase.goodWithinDeadline.sum(),
				round(phase.goodWithinDeadline.sum() / loadSeconds), phase.rejectedTimeout.sum(), phase.refusals(),
				costs);
	}

	long errorCount(String prefix) {
		return this.errors.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
