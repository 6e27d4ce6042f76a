package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The payment failed; nothing was charged: the provider declined the payment method, or
 * payment-service refused the charge ({@link #TRANSACTION_MISMATCH},
 * {@link #PROVIDER_REJECTED}).
 *
 * @param messageId the message id
 * @param occurredAt when the outcome was recorded
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param transactionId the charge
 * @param declineCode the provider's code, e.g. {@code card_declined},
 * {@code insufficient_funds}, or one of payment-service's own codes below
 */
public record PaymentDeclined(UUID messageId, Instant occurredAt, UUID orderId, String traceparent,
		String transactionId, String declineCode) implements PaymentReply {

	/** Logical type id on the wire. */
	public static final String TYPE = "payment.PaymentDeclined.v1";

	/**
	 * The transaction id was used before with other parameters (amount, currency, card,
	 * order).
	 */
	public static final String TRANSACTION_MISMATCH = "TRANSACTION_MISMATCH";

	/**
	 * The provider refused the request (a 4xx other than a decline) every time it was
	 * asked.
	 */
	public static final String PROVIDER_REJECTED = "PROVIDER_REJECTED";

	public PaymentDeclined {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(transactionId, "transactionId");
	}

	public static PaymentDeclined of(UUID orderId, String traceparent, String transactionId, String declineCode) {
		return new PaymentDeclined(UUID.randomUUID(), Instant.now(), orderId, traceparent, transactionId, declineCode);
	}

}
