package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The provider declined the payment method; nothing was charged.
 *
 * @param messageId the message id
 * @param occurredAt when the outcome was recorded
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param transactionId the charge
 * @param declineCode the provider's code, e.g. {@code card_declined},
 * {@code insufficient_funds}
 */
public record PaymentDeclined(UUID messageId, Instant occurredAt, UUID orderId, String traceparent,
		String transactionId, String declineCode) implements PaymentReply {

	/** Logical type id on the wire. */
	public static final String TYPE = "payment.PaymentDeclined.v1";

	public PaymentDeclined {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(transactionId, "transactionId");
	}

	public static PaymentDeclined of(UUID orderId, String traceparent, String transactionId, String declineCode) {
		return new PaymentDeclined(UUID.randomUUID(), Instant.now(), orderId, traceparent, transactionId, declineCode);
	}

}
