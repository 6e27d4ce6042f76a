package dev.shopflow.order.order;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.shopflow.order.system.OrderProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Admission control at the front of the saga. Past its capacity the pipeline would still
 * accept every order and then time most of them out together; instead, while too many
 * sagas run or too many of them are late, a new placement is refused at once, before any
 * transaction opens ({@link SagaPipelineSaturatedException}: a 503 problem with
 * {@code Retry-After}), so that the orders already accepted complete inside their
 * deadline and the pipeline keeps working at capacity.
 * <p>
 * The signal is measured in the database, so it covers every instance's sagas: every
 * {@code admission-refresh} one query counts the pending orders and those older than
 * {@code late-saga-age}. The placements this instance accepted since the last count are
 * added to it, so a burst between two counts cannot overshoot by more than the other
 * instances' share (and a placement committing while the count runs, which the count may
 * miss once): a soft limit, which is all admission control needs. A count that fails
 * (database down) admits: the placement itself then fails as it would have.
 */
@Component
public class SagaAdmission implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SagaAdmission.class);

	private final OrderRepository orders;

	private final OrderProperties properties;

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicLong late = new AtomicLong();

	private final AtomicLong placedSinceCount = new AtomicLong();

	private final Counter refusedInFlight;

	private final Counter refusedLate;

	private volatile boolean saturated;

	private volatile ScheduledExecutorService scheduler;

	SagaAdmission(OrderRepository orders, OrderProperties properties, MeterRegistry meters) {
		this.orders = orders;
		this.properties = properties;
		Gauge.builder("shopflow.saga.in.flight", this.inFlight, AtomicLong::get)
			.description("Sagas running (pending orders), counted in the database")
			.register(meters);
		Gauge.builder("shopflow.saga.late", this.late, AtomicLong::get)
			.description("Sagas running for longer than shopflow.orders.late-saga-age")
			.register(meters);
		this.refusedInFlight = refused(meters, "in-flight");
		this.refusedLate = refused(meters, "late");
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
		if (running >= this.properties.maxSagasInFlight()) {
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
	}

	private void count() {
		long placedBefore = this.placedSinceCount.get();
		OrderRepository.SagaLoad load = this.orders.sagaLoad(this.properties.lateSagaAge(),
				this.properties.sagaDeadline());
		this.inFlight.set(load.inFlight());
		this.late.set(load.late());
		// what was placed during the count may or may not be in it: counted once more at
		// most
		this.placedSinceCount.addAndGet(-placedBefore);
		boolean now = load.inFlight() >= this.properties.maxSagasInFlight()
				|| load.late() >= this.properties.maxLateSagas();
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

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("saga-admission").daemon().factory());
		executor.scheduleWithFixedDelay(() -> {
			try {
				count();
			}
			catch (RuntimeException ex) {
				log.debug("Could not count the sagas in flight: {}", ex.getMessage());
			}
		}, 0, this.properties.admissionRefresh().toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
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
