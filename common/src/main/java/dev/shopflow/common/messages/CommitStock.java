package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * The order is confirmed: its reserved units become sold. Answered by
 * {@link StockCommitted}.
 *
 * @param messageId the message id
 * @param occurredAt when the command was given
 * @param orderId the order whose reservation to commit
 * @param traceparent W3C trace context, or {@code null}
 */
public record CommitStock(UUID messageId, Instant occurredAt, UUID orderId,
		String traceparent) implements InventoryCommand {

	/** Logical type id on the wire. */
	public static final String TYPE = "inventory.CommitStock.v1";

	public CommitStock {
		Checks.envelope(messageId, occurredAt, orderId);
	}

	public static CommitStock of(UUID orderId, String traceparent) {
		return new CommitStock(UUID.randomUUID(), Instant.now(), orderId, traceparent);
	}

}
