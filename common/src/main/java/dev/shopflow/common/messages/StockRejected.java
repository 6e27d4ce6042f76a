package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * Nothing was reserved for the order.
 *
 * @param messageId the message id
 * @param occurredAt when the reservation was refused
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param reason {@code OUT_OF_STOCK} or {@code UNKNOWN_SKU}; consumers treat an unknown
 * value as {@code OUT_OF_STOCK}
 * @param sku the first offending sku
 */
public record StockRejected(UUID messageId, Instant occurredAt, UUID orderId, String traceparent, String reason,
		String sku) implements InventoryReply {

	/** Logical type id on the wire. */
	public static final String TYPE = "inventory.StockRejected.v1";

	/** Not enough units available for a line. */
	public static final String OUT_OF_STOCK = "OUT_OF_STOCK";

	/** A line names a sku the catalogue does not have. */
	public static final String UNKNOWN_SKU = "UNKNOWN_SKU";

	public StockRejected {
		Checks.envelope(messageId, occurredAt, orderId);
		Checks.required(reason, "reason");
	}

	public static StockRejected of(UUID orderId, String traceparent, String reason, String sku) {
		return new StockRejected(UUID.randomUUID(), Instant.now(), orderId, traceparent, reason, sku);
	}

}
