package dev.shopflow.inventory.reservation;

import java.util.List;
import java.util.UUID;

import dev.shopflow.common.messages.PricedLine;

/**
 * What inventory-service did with one order's stock: the business key on which every
 * inventory command is idempotent.
 *
 * @param orderId the order
 * @param status where the order's stock is
 * @param currency the currency of the quoted prices (granted reservations)
 * @param rejectReason why nothing was reserved ({@code REJECTED} only)
 * @param rejectSku the first offending sku ({@code REJECTED} only)
 * @param lines the reserved lines with their quoted prices, in the order's line order
 */
record Reservation(UUID orderId, Status status, String currency, String rejectReason, String rejectSku,
		List<PricedLine> lines) {

	/** Whether the order ever had stock reserved (and so was answered StockReserved). */
	boolean wasGranted() {
		return !this.lines.isEmpty();
	}

	/** Whether the order holds units now, reserved or sold. */
	boolean holdsStock() {
		return this.status == Status.RESERVED || this.status == Status.COMMITTED;
	}

	/** Where an order's stock is. */
	enum Status {

		/** Units are reserved for the pending order. */
		RESERVED,

		/** The order is confirmed: its units are sold. */
		COMMITTED,

		/** Its units were given back (compensation or cancellation). */
		RELEASED,

		/** Nothing was reserved: out of stock or unknown sku. */
		REJECTED,

		/**
		 * A release arrived before any reservation: a later reservation for the order
		 * reserves nothing.
		 */
		TOMBSTONE

	}

}
