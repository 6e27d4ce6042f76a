package dev.shopflow.benchmark;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One stretch of load at one fixed rate, and everything measured about the orders it
 * offered (also those that complete after its load has stopped).
 */
final class Phase {

	private final String name;

	private final double rate;

	private final Duration duration;

	final Latencies placement = new Latencies(3);

	final Latencies toFinalObserved = new Latencies(3);

	final Latencies toFinalServer = new Latencies(3);

	final Latencies sagaServer = new Latencies(3);

	final LongAdder scheduled = new LongAdder();

	final LongAdder placed = new LongAdder();

	final LongAdder completed = new LongAdder();

	/** Confirmed or declined orders seen final within the saga deadline. */
	final LongAdder goodWithinDeadline = new LongAdder();

	final LongAdder rejectedTimeout = new LongAdder();

	final AtomicInteger inFlight = new AtomicInteger();

	final AtomicLong lastCompletionNanos = new AtomicLong();

	private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();

	private final Duration sagaDeadline;

	volatile long startNanos;

	volatile long loadEndNanos;

	volatile long drainedNanos;

	volatile boolean abandoned;

	volatile int notFinal;

	Phase(String name, double rate, Duration duration) {
		this(name, rate, duration, Duration.ofSeconds(30));
	}

	/**
	 * @param name the phase
	 * @param rate orders per second
	 * @param duration how long the load is offered
	 * @param sagaDeadline how long an order may take to be final and still count as good
	 * output
	 */
	Phase(String name, double rate, Duration duration, Duration sagaDeadline) {
		this.name = name;
		this.rate = rate;
		this.duration = duration;
		this.sagaDeadline = sagaDeadline;
	}

	Duration sagaDeadline() {
		return this.sagaDeadline;
	}

	String name() {
		return this.name;
	}

	double rate() {
		return this.rate;
	}

	Duration duration() {
		return this.duration;
	}

	void error(String kind) {
		this.errors.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
	}

	void outcome(String status) {
		this.outcomes.computeIfAbsent(status, (key) -> new LongAdder()).increment();
	}

	void refusal(String kind) {
		this.refusals.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
	}

	Map<String, Long> refusals() {
		return sums(this.refusals);
	}

	Map<String, Long> errors() {
		return sums(this.errors);
	}

	Map<String, Long> outcomes() {
		return sums(this.outcomes);
	}

	long errorCount(String prefix) {
		return errors().entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	private static Map<String, Long> sums(Map<String, LongAdder> adders) {
		Map<String, Long> sums = new TreeMap<>();
		adders.forEach((key, adder) -> sums.put(key, adder.sum()));
		return sums;
	}

}
