package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.UUID;

/**
 * Compensation: give back whatever the order holds (reserved or sold). Answered by
 * {@link StockReleased}. Releasing what was never reserved, or twice, is an acknowledged
 * no-op; a release that overtakes its reservation makes the later reservation a no-op.
 *
 * @param messageId the message id
 * @param occurredAt when the command was given
 * @param orderId the order whose stock to release
 * @param traceparent W3C trace context, or {@code null}
 */
public record ReleaseStock(UUID messageId, Instant occurredAt, UUID orderId,
		String traceparent) implements InventoryCommand {

	/** Logical type id on the wire. */
	public static final String TYPE = "inventory.ReleaseStock.v1";

	public ReleaseStock {
		Checks.envelope(messageId, occurredAt, orderId);
	}

	public static ReleaseStock of(UUID orderId, String traceparent) {
		return new ReleaseStock(UUID.randomUUID(), Instant.now(), orderId, traceparent);
	}

}
