package dev.shopflow.common.messages;

/**
 * One reserved line with the catalogue's unit price at the time of the reservation.
 *
 * @param sku the product's stock keeping unit
 * @param quantity how many units were reserved
 * @param unitPriceMinor the unit price in minor units of the reply's currency
 */
public record PricedLine(String sku, int quantity, long unitPriceMinor) {

	public PricedLine {
		Checks.required(sku, "sku");
		Checks.positive(quantity, "quantity");
		Checks.positive(unitPriceMinor, "unitPriceMinor");
	}

}
