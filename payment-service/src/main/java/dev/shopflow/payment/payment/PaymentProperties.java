package dev.shopflow.payment.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of payments ({@code shopflow.payment.*}).
 *
 * @param lease how long a caller may hold a payment while it calls the provider; longer
 * than a whole provider call with its retries. A crashed caller's payment is reconciled
 * once its lease ran out
 * @param reconciler the background job that settles {@code PENDING} payments and refunds
 * still to do
 */
@ConfigurationProperties("shopflow.payment")
public record PaymentProperties(@DefaultValue("30s") Duration lease, @DefaultValue Reconciler reconciler) {

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
