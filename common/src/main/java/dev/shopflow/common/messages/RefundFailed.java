package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * There was nothing to refund: the transaction was never charged (unknown, declined, or
 * voided before its charge ran), or it is another order's charge. Nothing of the order
 * was charged under it, so nothing needs to be given back.
 *
 * @param messageId the message id
 * @param occurredAt when the refund was refused
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param transactionId the transaction
 * @param reason {@code NOT_CHARGED} or {@code TRANSACTION_MISMATCH}
 */
public record RefundFailed(UUID messageId, Instant occurredAt, UUID orderId, String traceparent, String transactionId,
		String reason) implements PaymentReply {

	/** Logical type id on the wire. */
	public static final String TYPE = "payment.RefundFailed.v1";

	/** The transaction holds no successful charge. */
	public static final String NOT_CHARGED = "NOT_CHARGED";

	/** The transaction is another order's charge: it was not refunded. */
	public static final String TRANSACTION_MISMATCH = "TRANSACTION_MISMATCH";

	public RefundFailed {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(transactionId, "transactionId");
		Checks.required(reason, "reason");
	}

	public static RefundFailed of(UUID orderId, String traceparent, String transactionId, String reason) {
		return new RefundFailed(UUID.randomUUID(), Instant.now(), orderId, traceparent, transactionId, reason);
	}

}
