package dev.shopflow.payment.provider;

/**
 * A charge as the provider answers it.
 *
 * @param id the provider's charge id
 * @param status {@code succeeded} or {@code declined}
 * @param declineCode why it was declined
 * @param refunded whether it was refunded
 */
record ProviderCharge(String id, String status, String declineCode, boolean refunded) {

	ChargeOutcome outcome() {
		return "succeeded".equals(this.status) ? new ChargeOutcome.Charged(this.id)
				: new ChargeOutcome.Declined(this.id, this.declineCode);
	}

}
