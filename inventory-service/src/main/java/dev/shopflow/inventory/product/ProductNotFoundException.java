package dev.shopflow.inventory.product;

/** The catalogue has no product with a sku. */
public class ProductNotFoundException extends RuntimeException {

	private final String sku;

	ProductNotFoundException(String sku) {
		super("No product " + sku);
		this.sku = sku;
	}

	public String sku() {
		return this.sku;
	}

}
