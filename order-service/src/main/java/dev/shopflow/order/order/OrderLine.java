package dev.shopflow.order.order;

/**
 * One line of an order.
 *
 * @param sku the product
 * @param quantity how many units
 * @param unitPriceMinor the catalogue's unit price when the stock was reserved, or
 * {@code null} until then
 */
public record OrderLine(String sku, int quantity, Long unitPriceMinor) {

	OrderLine priced(long unitPriceMinor) {
		return new OrderLine(this.sku, this.quantity, unitPriceMinor);
	}

}
