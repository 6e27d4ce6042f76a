package dev.shopflow.payment.payment;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A payment, one per transaction id, as stored.
 *
 * @param transactionId the idempotency key of the charge
 * @param orderId the order, or {@code null} for a payment made through the API without
 * one
 * @param customerId the paying customer, or {@code null}
 * @param amountMinor the amount
 * @param currency ISO 4217 code
 * @param status where it stands
 * @param declineCode the provider's reason for a decline
 * @param providerReference the provider's charge id
 * @param paymentToken the card token, only while {@code PENDING}; never logged
 * @param tokenFingerprint SHA-256 of the token
 * @param notifySaga whether outcomes are answered to the saga
 * @param traceparent the trace context of the command that asked for it
 * @param refundRequested a refund is still to be done at the provider
 * @param refundReply the refund's outcome is answered to the saga
 * @param replyOwed a ChargePayment waits for an answer, also if the outcome stays unknown
 * @param attempts failed provider attempts
 * @param rejections provider answers that refused the request
 * @param createdAt when it was first asked for
 * @param updatedAt when it last changed
 */
record Payment(String transactionId, UUID orderId, String customerId, long amountMinor, String currency,
		PaymentStatus status, String declineCode, String providerReference, String paymentToken,
		String tokenFingerprint, boolean notifySaga, String traceparent, boolean refundRequested, boolean refundReply,
		boolean replyOwed, int attempts, int rejections, Instant createdAt, Instant updatedAt) {

	boolean pending() {
		return this.status == PaymentStatus.PENDING;
	}

	boolean answersSaga() {
		return this.notifySaga && this.orderId != null;
	}

	/** Whether the payment is the charge of this order (never refund another order's). */
	boolean belongsTo(UUID orderId) {
		return Objects.equals(this.orderId, orderId);
	}

	/** Whether a repeated charge request asks for the same payment. */
	boolean sameCharge(ChargeOrder order) {
		return this.amountMinor == order.amountMinor() && this.currency.equals(order.currency())
				&& this.tokenFingerprint.equals(order.tokenFingerprint())
				&& (order.orderId() == null || Objects.equals(this.orderId, order.orderId()));
	}

	@Override
	public String toString() {
		return "Payment[transactionId=" + this.transactionId + ", orderId=" + this.orderId + ", status=" + this.status
				+ "]";
	}

}
