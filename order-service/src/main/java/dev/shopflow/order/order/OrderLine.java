package dev.shopflow.order.order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.shopflow.common.messages.PricedLine;

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

	/**
	 * The lines with the unit prices of a reservation; a line it does not price stays
	 * unpriced.
	 */
	static List<OrderLine> priced(List<OrderLine> lines, List<PricedLine> prices) {
		Map<String, Long> bySku = new HashMap<>();
		prices.forEach((line) -> bySku.put(line.sku(), line.unitPriceMinor()));
		return lines.stream()
			.map((line) -> bySku.containsKey(line.sku()) ? line.priced(bySku.get(line.sku())) : line)
			.toList();
	}

	/** The total of the priced lines. */
	static long total(List<OrderLine> lines) {
		return lines.stream()
			.filter((line) -> line.unitPriceMinor() != null)
			.mapToLong((line) -> line.unitPriceMinor() * line.quantity())
			.sum();
	}

}
