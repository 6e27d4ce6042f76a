package dev.shopflow.order.order;

/** Why an order was {@link OrderStatus#REJECTED rejected}. */
public enum FailureReason {

	/** Not enough stock for a line. */
	OUT_OF_STOCK,

	/** A line names a sku the catalogue does not have. */
	UNKNOWN_SKU,

	/** The payment was declined. */
	PAYMENT_DECLINED,

	/** The payment provider could not be reached before the saga's deadline. */
	PAYMENT_UNAVAILABLE,

	/** The saga did not finish before its deadline. */
	TIMEOUT;

	static FailureReason ofStockRejection(String reason) {
		return UNKNOWN_SKU.name().equals(reason) ? UNKNOWN_SKU : OUT_OF_STOCK;
	}

}
