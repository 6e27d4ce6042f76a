package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every line of the order is reserved, priced from the catalogue.
 *
 * @param messageId the message id
 * @param occurredAt when the reservation was made
 * @param orderId the order
 * @param traceparent W3C trace context, or {@code null}
 * @param lines the reserved lines with their unit prices
 * @param currency ISO 4217 code of the prices
 */
public record StockReserved(UUID messageId, Instant occurredAt, UUID orderId, String traceparent,
		List<PricedLine> lines, String currency) implements InventoryReply {

	/** Logical type id on the wire. */
	public static final String TYPE = "inventory.StockReserved.v1";

	public StockReserved {
		Checks.envelope(messageId, occurredAt, orderId);
		lines = Checks.nonEmpty(lines, "lines");
		Checks.required(currency, "currency");
	}

	public static StockReserved of(UUID orderId, String traceparent, List<PricedLine> lines, String currency) {
		return new StockReserved(UUID.randomUUID(), Instant.now(), orderId, traceparent, lines, currency);
	}

}
