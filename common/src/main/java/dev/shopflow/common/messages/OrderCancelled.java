package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The order was cancelled; its stock was released and, if it had been paid, refunded.
 *
 * @param messageId the message id
 * @param occurredAt when the cancellation completed
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param customerId the customer
 * @param refunded {@code true} if a charge was refunded
 */
public record OrderCancelled(UUID messageId, Instant occurredAt, UUID orderId, String traceparent, String customerId,
		boolean refunded) implements OrderEvent {

	/** Logical type id on the wire. */
	public static final String TYPE = "order.OrderCancelled.v1";

	public OrderCancelled {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(customerId, "customerId");
	}

	public static OrderCancelled of(UUID orderId, String traceparent, String customerId, boolean refunded) {
		return new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, traceparent, customerId, refunded);
	}

}
