package dev.shopflow.psp.charge;

import java.time.Instant;

/**
 * A charge as the provider records it. Immutable: a refund replaces it with a refunded
 * copy.
 *
 * @param id the provider's charge id ({@code ch_...})
 * @param status {@code succeeded} or {@code declined}
 * @param declineCode why it was declined, or {@code null}
 * @param amountMinor the amount in minor units
 * @param currency ISO 4217 code
 * @param reference the merchant's reference (payment-service's transaction id)
 * @param idempotencyKey the key it was created with, or {@code null}
 * @param refunded whether it was refunded
 * @param createdAt when it was recorded
 */
record Charge(String id, String status, String declineCode, long amountMinor, String currency, String reference,
		String idempotencyKey, boolean refunded, Instant createdAt) {

	static final String SUCCEEDED = "succeeded";

	static final String DECLINED = "declined";

	boolean succeeded() {
		return SUCCEEDED.equals(this.status);
	}

	Charge refund() {
		return new Charge(this.id, this.status, this.declineCode, this.amountMinor, this.currency, this.reference,
				this.idempotencyKey, true, this.createdAt);
	}

	/**
	 * Whether a repeated request with the same idempotency key asks for the same charge.
	 */
	boolean sameRequest(ChargeRequest request) {
		return this.amountMinor == request.amountMinor() && this.currency.equals(request.currency());
	}

}
