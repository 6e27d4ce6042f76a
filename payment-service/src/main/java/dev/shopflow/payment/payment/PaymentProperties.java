package dev.shopflow.payment.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of payments ({@code shopflow.payment.*}).
 *
 * @param lease how long a caller may hold a payment while it calls the provider; longer
 * than a whole provider call with its retries (checked at start-up by
 * {@link LeaseCheck}). A crashed caller's payment is reconciled once its lease ran out: a
 * small fraction of the saga's deadline, so that a charge that went through before a
 * crash is still answered in time
 * @param reconciler the background job that settles {@code PENDING} payments and refunds
 * still to do
 * @param providerParallelism how many provider calls one poll of saga commands makes at
 * once (keep it below the provider bulkhead's {@code max-concurrent-calls})
 * @param maxRejections how often the provider may refuse a charge (a 4xx other than a
 * decline) before the payment is {@code FAILED}
 */
@ConfigurationProperties("shopflow.payment")
public record PaymentProperties(@DefaultValue("10s") Duration lease, @DefaultValue Reconciler reconciler,
		@DefaultValue("16") int providerParallelism, @DefaultValue("3") int maxRejections) {

	/**
	 * The reconciler.
	 *
	 * @param interval pause between two rounds
	 * @param batchSize most payments settled per round (claimed one at a time)
	 * @param backoff wait after the first failed attempt, doubling per attempt
	 * @param maxBackoff the longest wait between two attempts: short, so that a charge to
	 * refund after a long outage is refunded within seconds of the provider's return
	 */
	public record Reconciler(@DefaultValue("2s") Duration interval, @DefaultValue("20") int batchSize,
			@DefaultValue("1s") Duration backoff, @DefaultValue("5s") Duration maxBackoff) {
	}

}
