package dev.shopflow.psp.charge;

import java.time.Instant;

/**
 * A charge on the wire.
 *
 * @param id the charge id
 * @param status {@code succeeded} or {@code declined}
 * @param declineCode why it was declined, or {@code null}
 * @param amountMinor the amount
 * @param currency ISO 4217 code
 * @param reference the merchant's reference
 * @param idempotencyKey the key it was created with
 * @param refunded whether it was refunded
 * @param createdAt when it was recorded
 */
record ChargeView(String id, String status, String declineCode, long amountMinor, String currency, String reference,
		String idempotencyKey, boolean refunded, Instant createdAt) {

	static ChargeView of(Charge charge) {
		return new ChargeView(charge.id(), charge.status(), charge.declineCode(), charge.amountMinor(),
				charge.currency(), charge.reference(), charge.idempotencyKey(), charge.refunded(), charge.createdAt());
	}

}
