package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The order is paid and its stock sold.
 *
 * @param messageId the message id
 * @param occurredAt when the order was confirmed
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param customerId the customer
 * @param totalMinor the amount charged
 * @param currency ISO 4217 code
 */
public record OrderConfirmed(UUID messageId, Instant occurredAt, UUID orderId, String traceparent, String customerId,
		long totalMinor, String currency) implements OrderEvent {

	/** Logical type id on the wire. */
	public static final String TYPE = "order.OrderConfirmed.v1";

	public OrderConfirmed {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(customerId, "customerId");
	}

	public static OrderConfirmed of(UUID orderId, String traceparent, String customerId, long totalMinor,
			String currency) {
		return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, traceparent, customerId, totalMinor,
				currency);
	}

}
