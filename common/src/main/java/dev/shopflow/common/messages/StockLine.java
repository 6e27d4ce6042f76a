package dev.shopflow.common.messages;

/**
 * One line of a reservation request.
 *
 * @param sku the product's stock keeping unit
 * @param quantity how many units, at least 1
 */
public record StockLine(String sku, int quantity) {

	public StockLine {
		Checks.required(sku, "sku");
		Checks.positive(quantity, "quantity");
	}

}
