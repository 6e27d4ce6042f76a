package dev.shopflow.order.order;

/** Where an order stands, as clients see it. */
public enum OrderStatus {

	/** The saga runs. */
	PENDING,

	/** Paid, stock sold. */
	CONFIRMED,

	/** The saga failed and gave back what it held (final). */
	REJECTED,

	/** Cancelled by the customer or an operator (final). */
	CANCELLED;

	boolean isFinal() {
		return this == REJECTED || this == CANCELLED;
	}

}
