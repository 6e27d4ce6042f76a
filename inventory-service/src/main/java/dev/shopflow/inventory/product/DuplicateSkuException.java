package dev.shopflow.inventory.product;

/** A product with the sku is already in the catalogue. */
public class DuplicateSkuException extends RuntimeException {

	private final String sku;

	DuplicateSkuException(String sku) {
		super("Product " + sku + " exists");
		this.sku = sku;
	}

	public String sku() {
		return this.sku;
	}

}
