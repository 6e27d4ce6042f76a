package dev.shopflow.payment.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment on the wire (API.md {@code Payment}, plus {@code declineCode}).
 *
 * @param transactionId the idempotency key
 * @param orderId the order, or {@code null}
 * @param amountMinor the amount
 * @param currency ISO 4217 code
 * @param status {@code PENDING}, {@code SUCCEEDED}, {@code DECLINED}, {@code REFUNDED} or
 * {@code FAILED}
 * @param providerReference the provider's charge id
 * @param declineCode the provider's reason for a decline
 * @param createdAt when it was first asked for
 * @param updatedAt when it last changed
 */
record PaymentView(String transactionId, UUID orderId, long amountMinor, String currency, PaymentStatus status,
		String providerReference, String declineCode, Instant createdAt, Instant updatedAt) {

	static PaymentView of(Payment payment) {
		return new PaymentView(payment.transactionId(), payment.orderId(), payment.amountMinor(), payment.currency(),
				payment.status(), payment.providerReference(), payment.declineCode(), payment.createdAt(),
				payment.updatedAt());
	}

}
