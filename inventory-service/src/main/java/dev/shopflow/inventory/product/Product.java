package dev.shopflow.inventory.product;

/**
 * A product of the catalogue and where its units are. Every unit that ever entered the
 * stock is in exactly one bucket:
 * {@code initialStock + adjustments = available + reserved
 * + sold} (also a CHECK constraint of the table).
 *
 * @param sku the stock keeping unit
 * @param name the display name
 * @param unitPriceMinor the unit price in minor units of the shop's currency
 * @param initialStock units the product was created with
 * @param adjustments sum of the admins' stock adjustments
 * @param available units neither reserved nor sold
 * @param reserved units held by reservations of pending orders
 * @param sold units of confirmed orders
 */
record Product(String sku, String name, long unitPriceMinor, long initialStock, long adjustments, long available,
		long reserved, long sold) {

	static Product create(String sku, String name, long unitPriceMinor, long initialStock) {
		return new Product(sku, name, unitPriceMinor, initialStock, 0, initialStock, 0, 0);
	}

}
