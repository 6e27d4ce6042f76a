package dev.shopflow.inventory;

import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test data and checks straight on the service's database: products with fresh skus
 * (tests isolate themselves by their own data) and the conservation invariant.
 */
public final class InventoryFixtures {

	private final JdbcClient jdbc;

	public InventoryFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A sku no other test uses.
	 * @param prefix a readable prefix
	 * @return the sku
	 */
	public static String freshSku(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 13).toUpperCase(Locale.ROOT);
	}

	/**
	 * Adds a product.
	 * @param prefix the sku's prefix
	 * @param unitPriceMinor its price
	 * @param stock its initial stock
	 * @return its sku
	 */
	public String product(String prefix, long unitPriceMinor, long stock) {
		String sku = freshSku(prefix);
		this.jdbc
			.sql("INSERT INTO product (sku, name, unit_price_minor, initial_stock, available) VALUES (?, ?, ?, ?, ?)")
			.params(sku, "Test " + sku, unitPriceMinor, stock, stock)
			.update();
		return sku;
	}

	/**
	 * Where a product's units are.
	 * @param sku the product
	 * @return the buckets
	 */
	public Stock stock(String sku) {
		return this.jdbc.sql("SELECT available, reserved, sold FROM product WHERE sku = ?")
			.param(sku)
			.query((rs, n) -> new Stock(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	/**
	 * The status of an order's reservation, or {@code null}.
	 * @param orderId the order
	 * @return the status
	 */
	public String reservationStatus(UUID orderId) {
		return this.jdbc.sql("SELECT status FROM reservation WHERE order_id = ?")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/**
	 * How many outbox rows wait for an order.
	 * @param orderId the order
	 * @return the count
	 */
	public long pendingOutbox(UUID orderId) {
		return this.jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = ?")
			.param(orderId.toString())
			.query(Long.class)
			.single();
	}

	/**
	 * Asserts for every product that each unit is in one bucket ({@code initial stock +
	 * adjustments = available + reserved + sold}) and that the adjustment ledger adds up.
	 */
	public void assertStockConserved() {
		long broken = this.jdbc
			.sql("SELECT count(*) FROM product p WHERE p.initial_stock + p.adjustments <> p.available + p.reserved + p.sold"
					+ " OR p.adjustments <> (SELECT coalesce(sum(delta), 0) FROM stock_adjustment a WHERE a.sku = p.sku)")
			.query(Long.class)
			.single();
		assertThat(broken).as("products whose units are not all accounted for").isZero();
	}

	/**
	 * Units of a product by bucket.
	 *
	 * @param available not reserved or sold
	 * @param reserved held for pending orders
	 * @param sold of confirmed orders
	 */
	public record Stock(long available, long reserved, long sold) {
	}

}
