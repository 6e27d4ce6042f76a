package dev.shopflow.payment.payment;

import java.time.Duration;

import dev.shopflow.payment.provider.ProviderProperties;

import org.springframework.stereotype.Component;

/**
 * Refuses to start with a lease that one guarded provider call can outlast: another
 * caller (the reconciler, a second instance) would then call the provider for a payment
 * whose caller is still waiting for its answer.
 */
@Component
class LeaseCheck {

	LeaseCheck(PaymentProperties payments, ProviderProperties provider) {
		check(payments.lease(), provider);
	}

	static void check(Duration lease, ProviderProperties provider) {
		Duration worstCase = provider.worstCaseCall();
		if (lease.compareTo(worstCase) <= 0) {
			throw new IllegalStateException("shopflow.payment.lease (" + lease.toMillis()
					+ " ms) must be longer than one provider call with its retries (" + worstCase.toMillis()
					+ " ms = max-attempts x (bulkhead max-wait + connect-timeout + read-timeout) + back-offs):"
					+ " raise the lease or shorten the provider's timeouts or retries");
		}
	}

}
