package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The order failed and everything it held was given back.
 *
 * @param messageId the message id
 * @param occurredAt when the order was rejected
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param customerId the customer
 * @param reason {@code OUT_OF_STOCK}, {@code UNKNOWN_SKU}, {@code PAYMENT_DECLINED},
 * {@code PAYMENT_UNAVAILABLE} or {@code TIMEOUT}
 */
public record OrderRejected(UUID messageId, Instant occurredAt, UUID orderId, String traceparent, String customerId,
		String reason) implements OrderEvent {

	/** Logical type id on the wire. */
	public static final String TYPE = "order.OrderRejected.v1";

	public OrderRejected {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(customerId, "customerId");
		Checks.required(reason, "reason");
	}

	public static OrderRejected of(UUID orderId, String traceparent, String customerId, String reason) {
		return new OrderRejected(UUID.randomUUID(), Instant.now(), orderId, traceparent, customerId, reason);
	}

}
