package dev.shopflow.order.order;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.shopflow.defaults.background.BackgroundTask;
import dev.shopflow.order.system.OrderProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Admission control at the front of the saga. Past its capacity the pipeline would still
 * accept every order and then time most of them out together; instead, while too many
 * sagas run or too many of them are late, a new placement is refused at once, before any
 * transaction opens ({@link SagaPipelineSaturatedException}: a 503 problem with
 * {@code Retry-After}), so that the orders already accepted complete inside their
 * deadline and the pipeline keeps working at capacity.
 * <p>
 * How many sagas may run is not a constant of the machine: the limit adapts to the
 * pipeline's speed (additive increase, multiplicative decrease, as TCP's congestion
 * window): every {@code admission-refresh}, if the sagas that ended meanwhile took longer
 * than {@code admission-target-latency} on average, the limit shrinks by a fifth;
 * otherwise, while it is being used, it grows by a twentieth (at least 5). By Little's
 * law the limit settles near throughput x target latency: the pipeline stays busy and an
 * accepted order waits about the target, not until its deadline. It stays within
 * {@code min-sagas-in-flight} and {@code max-sagas-in-flight}.
 * <p>
 * The signal is measured in the database, so it covers every instance's sagas: every
 * {@code admission-refresh} one query counts the pending orders and those older than
 * {@code late-saga-age}. The placements this instance accepted since the last count are
 * added to it, so a burst between two counts cannot overshoot by more than the other
 * instances' share (and a placement committing while the count runs, which the count may
 * miss once): a soft limit, which is all admission control needs. A count that fails
 * (database down) admits: the placement itself then fails as it would have. While idle
 * (nothing in flight at the last count, nothing admitted or ended since) the count is
 * skipped but for one every 10 s.
 */
@Component
public class SagaAdmission extends BackgroundTask {

	private static final Logger log = LoggerFactory.getLogger(SagaAdmission.class);

	private static final Duration IDLE_RECOUNT = Duration.ofSeconds(10);

	// its own query, not OrderRepository's: the repository reports ended sagas here
	private final JdbcClient jdbc;

	private final OrderProperties properties;

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicLong late = new AtomicLong();

	private final AtomicLong placedSinceCount = new AtomicLong();

	private final LongAdder endedNanos = new LongAdder();

	private final LongAdder ended = new LongAdder();

	private final AtomicLong limit = new AtomicLong();

	private final Counter refusedInFlight;

	private final Counter refusedLate;

	private final Counter counts;

	// a placement admitted or a saga ended since the last count
	private final AtomicBoolean moved = new AtomicBoolean(true);

	private volatile long lastCountNanos;

	private volatile boolean saturated;

	SagaAdmission(JdbcClient jdbc, OrderProperties properties, MeterRegistry meters) {
		super("saga-admission", properties.admissionRefresh(), meters);
		this.jdbc = jdbc;
		this.properties = properties;
		Gauge.builder("shopflow.saga.in.flight", this.inFlight, AtomicLong::get)
			.description("Sagas running (pending orders), counted in the database")
			.register(meters);
		Gauge.builder("shopflow.saga.late", this.late, AtomicLong::get)
			.description("Sagas running for longer than shopflow.orders.late-saga-age")
			.register(meters);
		this.limit.set(clamp(properties.maxSagasInFlight() / 10));
		Gauge.builder("shopflow.saga.in.flight.limit", this.limit, AtomicLong::get)
			.description("Sagas allowed to run at once (adaptive admission limit)")
			.register(meters);
		this.refusedInFlight = refused(meters, "in-flight");
		this.refusedLate = refused(meters, "late");
		this.counts = Counter.builder("shopflow.saga.admission.counts")
			.description("Counts of the running sagas in the database (skipped while idle)")
			.register(meters);
	}

	private static Counter refused(MeterRegistry meters, String reason) {
		return Counter.builder("shopflow.orders.refused")
			.description("Placements refused by admission control, by signal")
			.tag("reason", reason)
			.register(meters);
	}

	/**
	 * Admits a new placement, or refuses it while the saga pipeline is saturated.
	 * @throws SagaPipelineSaturatedException if it is
	 */
	public void admit() {
		long running = this.inFlight.get() + this.placedSinceCount.get();
		if (running >= this.limit.get()) {
			this.refusedInFlight.increment();
			throw new SagaPipelineSaturatedException(running + " orders are being processed",
					this.properties.admissionRetryAfter());
		}
		if (this.late.get() >= this.properties.maxLateSagas()) {
			this.refusedLate.increment();
			throw new SagaPipelineSaturatedException(this.late.get() + " orders have been processed for longer than "
					+ this.properties.lateSagaAge().toSeconds() + " s", this.properties.admissionRetryAfter());
		}
		this.placedSinceCount.incrementAndGet();
		this.moved.set(true);
	}

	/**
	 * Notes that an admitted placement committed. {@link #admit()} runs before the
	 * placement's transaction, so a count can run between the two, miss the order and
	 * consume the placement's mark; without this one the next counts would then be
	 * skipped as idle for up to 10 s while the order runs.
	 */
	void placementCommitted() {
		this.moved.set(true);
	}

	/**
	 * Notes that a saga ended (after its commit), for the latency the limit adapts to.
	 * @param duration placement to the end
	 */
	void sagaEnded(Duration duration) {
		this.endedNanos.add(duration.toNanos());
		this.ended.increment();
		this.moved.set(true);
	}

	private void adapt(long running) {
		long count = this.ended.sumThenReset();
		long nanos = this.endedNanos.sumThenReset();
		if (count == 0) {
			return;
		}
		long current = this.limit.get();
		if (nanos / count > this.properties.admissionTargetLatency().toNanos()) {
			this.limit.set(clamp(current * 4 / 5));
		}
		else if (running >= current * 4 / 5) {
			this.limit.set(clamp(current + Math.max(5, current / 20)));
		}
	}

	private long clamp(long value) {
		long max = this.properties.maxSagasInFlight();
		return Math.min(max, Math.max(Math.min(this.properties.minSagasInFlight(), max), value));
	}

	private void count() {
		long placedBefore = this.placedSinceCount.get();
		SagaLoad load = sagaLoad(this.properties.lateSagaAge(), this.properties.sagaDeadline());
		this.inFlight.set(load.inFlight());
		this.late.set(load.late());
		adapt(load.inFlight());
		// what was placed during the count may or may not be in it: counted once more at
		// most
		this.placedSinceCount.addAndGet(-placedBefore);
		boolean now = load.inFlight() >= this.limit.get() || load.late() >= this.properties.maxLateSagas();
		if (now != this.saturated) {
			this.saturated = now;
			if (now) {
				log.warn("Saga pipeline saturated ({} in flight, {} late): refusing new orders", load.inFlight(),
						load.late());
			}
			else {
				log.info("Saga pipeline has room again ({} in flight, {} late): accepting orders", load.inFlight(),
						load.late());
			}
		}
	}

	/**
	 * Counts the sagas that are running, and those of them running for longer than an
	 * age.
	 * @param lateAge from when a running saga counts as late
	 * @param sagaDeadline how long a saga may run
	 * @return the counts
	 */
	private SagaLoad sagaLoad(Duration lateAge, Duration sagaDeadline) {
		// by the partial index on the deadline of pending orders: deadline = created_at +
		// saga deadline, so "older than lateAge" is "deadline before now + (deadline -
		// lateAge)"
		return this.jdbc.sql("""
				SELECT count(*) AS in_flight,
				       count(*) FILTER (WHERE deadline < now() + make_interval(secs => ?)) AS late
				  FROM orders WHERE status = 'PENDING'""")
			.param((sagaDeadline.toMillis() - lateAge.toMillis()) / 1000.0)
			.query((rows, row) -> new SagaLoad(rows.getLong("in_flight"), rows.getLong("late")))
			.single();
	}

	/**
	 * How loaded the saga pipeline is.
	 *
	 * @param inFlight sagas running
	 * @param late sagas running for longer than the age asked for
	 */
	private record SagaLoad(long inFlight, long late) {
	}

	// a count that fails (database down) keeps the last one: the placement itself then
	// fails as it would have
	@Override
	protected boolean runOnce() {
		if (idle()) {
			return false;
		}
		this.lastCountNanos = System.nanoTime();
		this.counts.increment();
		count();
		return false;
	}

	// nothing to count: no saga ran at the last count and none was placed or ended here
	// since. The count is what costs an idle instance (four transactions a second); it
	// still runs every IDLE_RECOUNT for the other instances' sagas, and a placement here
	// is counted against the limit with placedSinceCount meanwhile, so the limit holds
	private boolean idle() {
		boolean quiet = this.inFlight.get() == 0 && this.late.get() == 0 && this.placedSinceCount.get() == 0
				&& System.nanoTime() - this.lastCountNanos < IDLE_RECOUNT.toNanos();
		return !this.moved.getAndSet(false) && quiet;
	}

	/**
	 * The saga pipeline is saturated: the placement is refused before it costs anything.
	 */
	public static class SagaPipelineSaturatedException extends RuntimeException {

		private final Duration retryAfter;

		SagaPipelineSaturatedException(String message, Duration retryAfter) {
			super(message, null, false, false);
			this.retryAfter = retryAfter;
		}

		public Duration retryAfter() {
			return this.retryAfter;
		}

	}

}
