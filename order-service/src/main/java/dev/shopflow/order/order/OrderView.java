package dev.shopflow.order.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as clients see it. Prices and total are {@code null} until the order is priced
 * from the reservation.
 *
 * @param id the order id
 * @param customerId the customer
 * @param status the status
 * @param items the lines
 * @param totalMinor the total in minor units, or {@code null}
 * @param currency ISO 4217 code
 * @param failureReason why it was rejected, or {@code null}
 * @param createdAt when it was placed
 * @param updatedAt its last change
 */
public record OrderView(UUID id, String customerId, OrderStatus status, List<LineView> items, Long totalMinor,
		String currency, FailureReason failureReason, Instant createdAt, Instant updatedAt) {

	static OrderView of(Order order) {
		return new OrderView(order.id().value(), order.head().customerId(), order.status(),
				order.lines()
					.stream()
					.map((line) -> new LineView(line.sku(), line.quantity(), line.unitPriceMinor()))
					.toList(),
				order.totalMinor(), order.currency(), order.failureReason(), order.head().createdAt(),
				order.updatedAt());
	}

	/**
	 * One line of an order.
	 *
	 * @param sku the product
	 * @param quantity how many units
	 * @param unitPriceMinor the unit price, or {@code null} until priced
	 */
	public record LineView(String sku, int quantity, Long unitPriceMinor) {

	}

}
