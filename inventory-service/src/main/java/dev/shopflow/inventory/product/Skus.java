package dev.shopflow.inventory.product;

/** What a sku looks like (API.md). */
final class Skus {

	/** A sku: an upper-case letter or digit, then up to 63 of those or dashes. */
	static final String PATTERN = "[A-Z0-9][A-Z0-9-]{0,63}";

	private Skus() {
	}

}
