package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The charge was refunded at the provider (once, however often it was asked).
 *
 * @param messageId the message id
 * @param occurredAt when the refund was recorded
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param transactionId the refunded charge
 */
public record PaymentRefunded(UUID messageId, Instant occurredAt, UUID orderId, String traceparent,
		String transactionId) implements PaymentReply {

	/** Logical type id on the wire. */
	public static final String TYPE = "payment.PaymentRefunded.v1";

	public PaymentRefunded {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(transactionId, "transactionId");
	}

	public static PaymentRefunded of(UUID orderId, String traceparent, String transactionId) {
		return new PaymentRefunded(UUID.randomUUID(), Instant.now(), orderId, traceparent, transactionId);
	}

}
