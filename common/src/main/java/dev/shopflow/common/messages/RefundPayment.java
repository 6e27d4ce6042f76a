package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * Compensation: refund the order's charge if it succeeded. Answered by
 * {@link PaymentRefunded} or, when there is nothing to refund, {@link RefundFailed}.
 * Idempotent.
 *
 * @param messageId the message id
 * @param occurredAt when the command was given
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param transactionId the charge to refund
 */
public record RefundPayment(UUID messageId, Instant occurredAt, UUID orderId, String traceparent,
		String transactionId) implements PaymentCommand {

	/** Logical type id on the wire. */
	public static final String TYPE = "payment.RefundPayment.v1";

	public RefundPayment {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(transactionId, "transactionId");
	}

	public static RefundPayment of(UUID orderId, String traceparent, String transactionId) {
		return new RefundPayment(UUID.randomUUID(), Instant.now(), orderId, traceparent, transactionId);
	}

}
