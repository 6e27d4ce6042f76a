package dev.shopflow.inventory.reservation;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Moves units of products between available, reserved and sold. Every statement keeps
 * {@code initial_stock + adjustments = available + reserved + sold}; the table's CHECK
 * constraints refuse anything else.
 */
@Repository
class StockRepository {

	private final JdbcClient jdbc;

	StockRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the rows of products in sku order (a fixed order, so that two transactions
	 * never wait for each other in a cycle) and reads their stock.
	 * @param skus the products
	 * @return the stock of those that exist, by sku
	 */
	Map<String, Stock> lock(Collection<String> skus) {
		Map<String, Stock> stock = new LinkedHashMap<>();
		for (String sku : new TreeSet<>(skus)) {
			this.jdbc.sql("SELECT unit_price_minor, available FROM product WHERE sku = ? FOR UPDATE")
				.param(sku)
				.query((rs, n) -> new Stock(sku, rs.getLong(1), rs.getLong(2)))
				.optional()
				.ifPresent((found) -> stock.put(sku, found));
		}
		return stock;
	}

	void reserve(String sku, int quantity) {
		move(sku, "available = available - ?, reserved = reserved + ?", quantity);
	}

	void unreserve(String sku, int quantity) {
		move(sku, "available = available + ?, reserved = reserved - ?", quantity);
	}

	void sell(String sku, int quantity) {
		move(sku, "reserved = reserved - ?, sold = sold + ?", quantity);
	}

	void unsell(String sku, int quantity) {
		move(sku, "available = available + ?, sold = sold - ?", quantity);
	}

	private void move(String sku, String assignments, int quantity) {
		int rows = this.jdbc.sql("UPDATE product SET " + assignments + ", updated_at = clock_timestamp() WHERE sku = ?")
			.params(quantity, quantity, sku)
			.update();
		if (rows != 1) {
			throw new IllegalStateException("No product " + sku);
		}
	}

	/**
	 * The stock of a product as read under its row lock.
	 *
	 * @param sku the product
	 * @param unitPriceMinor its current price
	 * @param available its available units
	 */
	record Stock(String sku, long unitPriceMinor, long available) {
	}

}
