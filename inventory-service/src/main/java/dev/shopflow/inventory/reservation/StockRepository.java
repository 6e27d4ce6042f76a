package dev.shopflow.inventory.reservation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.shopflow.common.messages.PricedLine;

import org.springframework.jdbc.core.JdbcTemplate;
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

	private final JdbcTemplate batches;

	StockRepository(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Locks the rows of products and reads their stock, in one statement that locks them
	 * in sku order (the database's order: this is the only statement that locks several
	 * product rows, so two transactions never wait for each other in a cycle). Rows the
	 * transaction already holds are read again without waiting.
	 * @param skus the products
	 * @return the stock of those that exist, by sku
	 */
	Map<String, Stock> lock(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Map.of();
		}
		return this.jdbc
			.sql("SELECT sku, unit_price_minor, available FROM product WHERE sku = ANY(?) ORDER BY sku FOR UPDATE")
			.param(skus.toArray(String[]::new))
			.query((rs, n) -> new Stock(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.stream()
			.collect(Collectors.toMap(Stock::sku, Function.identity()));
	}

	void reserve(List<PricedLine> lines) {
		move("available = available - ?, reserved = reserved + ?", lines);
	}

	void unreserve(List<PricedLine> lines) {
		move("available = available + ?, reserved = reserved - ?", lines);
	}

	void sell(List<PricedLine> lines) {
		move("reserved = reserved - ?, sold = sold + ?", lines);
	}

	void unsell(List<PricedLine> lines) {
		move("available = available + ?, sold = sold - ?", lines);
	}

	// one JDBC batch (one round trip) for all lines of an order
	private void move(String assignments, List<PricedLine> lines) {
		int[] rows = this.batches.batchUpdate(
				"UPDATE product SET " + assignments + ", updated_at = clock_timestamp() WHERE sku = ?",
				lines.stream().map((line) -> new Object[] { line.quantity(), line.quantity(), line.sku() }).toList());
		for (int i = 0; i < rows.length; i++) {
			if (rows[i] != 1) {
				throw new IllegalStateException("No product " + lines.get(i).sku());
			}
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
