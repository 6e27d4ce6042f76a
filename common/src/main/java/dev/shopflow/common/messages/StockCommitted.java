package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The order's reserved units are now sold.
 *
 * @param messageId the message id
 * @param occurredAt when the stock was committed
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 */
public record StockCommitted(UUID messageId, Instant occurredAt, UUID orderId,
		String traceparent) implements InventoryReply {

	/** Logical type id on the wire. */
	public static final String TYPE = "inventory.StockCommitted.v1";

	public StockCommitted {
		Checks.envelope(messageId, occurredAt, orderId);
	}

	public static StockCommitted of(UUID orderId, String traceparent) {
		return new StockCommitted(UUID.randomUUID(), Instant.now(), orderId, traceparent);
	}

}
