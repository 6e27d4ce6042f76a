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
 * @param inFlightRefresh how often the sagas-in-flight gauge is re-counted in the
 * database
 * @param maxWait the longest a {@code GET /api/orders/{id}} with {@code Prefer: wait} is
 * held for the order's outcome (keep it below the gateway's wait timeout)
 * @param waitRecheck how often a waiting request re-reads its order even without a
 * notification (a last resort: a waiting request also re-reads whenever the listening
 * connection reconnects)
 * @param maxConcurrentWaits how many requests may wait at once per instance; past that a
 * request is answered at once, without waiting
 */
@ConfigurationProperties("shopflow.orders")
public record OrderProperties(@DefaultValue("EUR") String currency, @DefaultValue("30s") Duration sagaDeadline,
		@DefaultValue("500ms") Duration sweepInterval, @DefaultValue("200") int sweepBatchSize,
		@DefaultValue("500ms") Duration paymentRetryInitial, @DefaultValue("5s") Duration paymentRetryMax,
		@DefaultValue("24h") Duration idempotencyRetention, @DefaultValue("5s") Duration inFlightRefresh,
		@DefaultValue("20s") Duration maxWait, @DefaultValue("10s") Duration waitRecheck,
		@DefaultValue("250") int maxConcurrentWaits) {

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
