package dev.shopflow.payment.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of payments ({@code shopflow.payment.*}).
 *
 * @param lease how long a caller may hold a payment while it calls the provider; longer
 * than a whole provider call with its retries. A crashed caller's payment is reconciled
 * once its lease ran out: half the saga's deadline at most, so that a charge that went
 * through before a crash is still answered in time
 * @param reconciler the background job that settles {@code PENDING} payments and refunds
 * still to do
 * @param providerParallelism how many provider calls one poll of saga commands makes at
 * once (keep it below the provider bulkhead's {@code max-concurrent-calls})
 */
@ConfigurationProperties("shopflow.payment")
public record PaymentProperties(@DefaultValue("15s") Duration lease, @DefaultValue Reconciler reconciler,
		@DefaultValue("16") int providerParallelism) {

	/**
	 * The reconciler.
	 *
	 * @param interval pause between two rounds
	 * @param batchSize most payments settled per round (claimed one at a time)
	 * @param backoff wait after the first failed attempt, doubling per attempt
	 * @param maxBackoff the longest wait between two attempts
	 */
	public record Reconciler(@DefaultValue("2s") Duration interval, @DefaultValue("20") int batchSize,
			@DefaultValue("2s") Duration backoff, @DefaultValue("60s") Duration maxBackoff) {
	}

}
