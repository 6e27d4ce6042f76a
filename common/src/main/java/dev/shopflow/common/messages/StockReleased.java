package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The order holds no stock any more.
 *
 * @param messageId the message id
 * @param occurredAt when the stock was released
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param released {@code true} if units were given back, {@code false} if the order held
 * none
 */
public record StockReleased(UUID messageId, Instant occurredAt, UUID orderId, String traceparent,
		boolean released) implements InventoryReply {

	/** Logical type id on the wire. */
	public static final String TYPE = "inventory.StockReleased.v1";

	public StockReleased {
		Checks.envelope(messageId, occurredAt, orderId);
	}

	public static StockReleased of(UUID orderId, String traceparent, boolean released) {
		return new StockReleased(UUID.randomUUID(), Instant.now(), orderId, traceparent, released);
	}

}
