package dev.shopflow.inventory.product;

/** A stock adjustment would take more units away than are available. */
public class InsufficientStockException extends RuntimeException {

	private final String sku;

	private final long delta;

	private final long available;

	InsufficientStockException(String sku, long delta, long available) {
		super("Cannot adjust " + sku + " by " + delta + " with " + available + " available");
		this.sku = sku;
		this.delta = delta;
		this.available = available;
	}

	public String sku() {
		return this.sku;
	}

	public long delta() {
		return this.delta;
	}

	public long available() {
		return this.available;
	}

}
