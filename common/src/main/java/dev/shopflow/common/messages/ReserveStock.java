package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reserve every line of an order, or nothing. Answered by {@link StockReserved} or
 * {@link StockRejected}; a redelivery is answered with the same outcome again.
 *
 * @param messageId the message id
 * @param occurredAt when the command was given
 * @param orderId the order to reserve for
 * @param traceparent W3C trace context, or {@code null}
 * @param lines the lines, each sku once
 */
public record ReserveStock(UUID messageId, Instant occurredAt, UUID orderId, String traceparent,
		List<StockLine> lines) implements InventoryCommand {

	/** Logical type id on the wire. */
	public static final String TYPE = "inventory.ReserveStock.v1";

	public ReserveStock {
		Checks.envelope(messageId, occurredAt, orderId);
		lines = Checks.nonEmpty(lines, "lines");
	}

	public static ReserveStock of(UUID orderId, String traceparent, List<StockLine> lines) {
		return new ReserveStock(UUID.randomUUID(), Instant.now(), orderId, traceparent, lines);
	}

}
