package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The provider could not be reached within the retry budget (or its circuit is open). The
 * outcome is not known yet: the payment stays {@code PENDING} and is reconciled later,
 * which may still produce a {@link PaymentSucceeded}. The saga decides whether to ask
 * again.
 *
 * @param messageId the message id
 * @param occurredAt when the attempt gave up
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param transactionId the charge
 * @param detail a human-readable reason, for the timeline
 */
public record PaymentUnavailable(UUID messageId, Instant occurredAt, UUID orderId, String traceparent,
		String transactionId, String detail) implements PaymentReply {

	/** Logical type id on the wire. */
	public static final String TYPE = "payment.PaymentUnavailable.v1";

	public PaymentUnavailable {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(transactionId, "transactionId");
	}

	public static PaymentUnavailable of(UUID orderId, String traceparent, String transactionId, String detail) {
		return new PaymentUnavailable(UUID.randomUUID(), Instant.now(), orderId, traceparent, transactionId, detail);
	}

}
