package dev.shopflow.order.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of order-service ({@code shopflow.orders.*}).
 *
 * @param currency the shop's one currency (ISO 4217)
 * @param sagaDeadline how long a saga may run before it is compensated and the order ends
 * {@code REJECTED TIMEOUT}
 * @param sweepInterval how often overdue sagas and due payment retries are looked for
 * @param sweepBatchSize how many sagas one sweep locks and advances at most
 * @param paymentRetryInitial back-off before the first re-sent charge after
 * {@code PaymentUnavailable} (doubling per attempt)
 * @param paymentRetryMax the longest back-off between two charge attempts
 * @param idempotencyRetention how long an {@code Idempotency-Key} and its answer are kept
 * (at least 24 h by contract)
 * @param admissionRefresh how often the sagas in flight (and the late ones) are counted
 * in the database, for admission control and the gauges
 * @param maxWait the longest a {@code GET /api/orders/{id}} with {@code Prefer: wait} is
 * held for the order's outcome (keep it below the gateway's wait timeout)
 * @param waitRecheck how often a waiting request re-reads its order even without a
 * notification (a last resort: a waiting request also re-reads whenever the listening
 * connection reconnects)
 * @param maxConcurrentWaits how many requests may wait at once per instance; past that a
 * request is answered at once, without waiting
 * @param maxSagasInFlight the most running sagas (all instances) the adaptive admission
 * limit allows; past the limit a new placement is refused (503, {@code Retry-After})
 * @param lateSagaAge from when a running saga counts as late
 * @param maxLateSagas from how many late sagas a new placement is refused: the pipeline
 * is behind, and accepting more would make the accepted ones miss their deadline
 * @param admissionRetryAfter the {@code Retry-After} of a refused placement
 * @param minSagasInFlight the fewest running sagas the adaptive limit allows
 * @param admissionTargetLatency the average saga latency the adaptive limit aims at
 */
@ConfigurationProperties("shopflow.orders")
public record OrderProperties(@DefaultValue("EUR") String currency, @DefaultValue("30s") Duration sagaDeadline,
		@DefaultValue("500ms") Duration sweepInterval, @DefaultValue("200") int sweepBatchSize,
		@DefaultValue("500ms") Duration paymentRetryInitial, @DefaultValue("5s") Duration paymentRetryMax,
		@DefaultValue("24h") Duration idempotencyRetention, @DefaultValue("250ms") Duration admissionRefresh,
		@DefaultValue("20s") Duration maxWait, @DefaultValue("10s") Duration waitRecheck,
		@DefaultValue("250") int maxConcurrentWaits, @DefaultValue("1500") int maxSagasInFlight,
		@DefaultValue("5s") Duration lateSagaAge, @DefaultValue("50") int maxLateSagas,
		@DefaultValue("1s") Duration admissionRetryAfter, @DefaultValue("100") int minSagasInFlight,
		@DefaultValue("3s") Duration admissionTargetLatency) {

	/**
	 * The back-off before re-sending a charge that the provider could not take.
	 * @param attempts how many charge attempts were sent so far (at least 1)
	 * @return the back-off, doubling per attempt up to {@link #paymentRetryMax()}
	 */
	public Duration paymentRetryBackoff(int attempts) {
		int doublings = Math.min(Math.max(attempts - 1, 0), 20);
		Duration backoff = this.paymentRetryInitial.multipliedBy(1L << doublings);
		return (backoff.compareTo(this.paymentRetryMax) > 0) ? this.paymentRetryMax : backoff;
	}

}
