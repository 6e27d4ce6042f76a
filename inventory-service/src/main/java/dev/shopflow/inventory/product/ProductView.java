package dev.shopflow.inventory.product;

/**
 * A product as the API shows it.
 *
 * @param sku the stock keeping unit
 * @param name the display name
 * @param unitPriceMinor the unit price in minor units of {@code currency}
 * @param currency the shop's ISO 4217 currency
 * @param available units that can still be ordered (stock not reserved or sold)
 */
record ProductView(String sku, String name, long unitPriceMinor, String currency, long available) {

	static ProductView of(Product product, String currency) {
		return new ProductView(product.sku(), product.name(), product.unitPriceMinor(), currency, product.available());
	}

}
