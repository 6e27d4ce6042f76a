package dev.shopflow.inventory.product;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalogue's table, in plain SQL. */
@Repository
class ProductRepository {

	private static final String COLUMNS = "sku, name, unit_price_minor, initial_stock, adjustments, available, reserved, sold";

	private static final RowMapper<Product> ROWS = (rs, n) -> new Product(rs.getString("sku"), rs.getString("name"),
			rs.getLong("unit_price_minor"), rs.getLong("initial_stock"), rs.getLong("adjustments"),
			rs.getLong("available"), rs.getLong("reserved"), rs.getLong("sold"));

	private final JdbcClient jdbc;

	ProductRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds a product unless its sku exists.
	 * @param product the new product
	 * @return {@code false} if the sku was taken
	 */
	boolean addIfAbsent(Product product) {
		return this.jdbc
			.sql("INSERT INTO product (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
					+ " ON CONFLICT (sku) DO NOTHING")
			.params(product.sku(), product.name(), product.unitPriceMinor(), product.initialStock(),
					product.adjustments(), product.available(), product.reserved(), product.sold())
			.update() == 1;
	}

	Optional<Product> find(String sku) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE sku = ?").param(sku).query(ROWS).optional();
	}

	List<Product> page(long offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM product ORDER BY sku OFFSET ? LIMIT ?")
			.params(offset, limit)
			.query(ROWS)
			.list();
	}

	long count() {
		return this.jdbc.sql("SELECT count(*) FROM product").query(Long.class).single();
	}

	/**
	 * Adds (or with a negative delta takes away) available units, recording the
	 * adjustment in the ledger, unless that would make the available stock negative.
	 * @param sku the product
	 * @param delta units to add
	 * @return the adjusted product, or empty if the product is missing or short
	 */
	Optional<Product> adjustStock(String sku, long delta) {
		Optional<Product> adjusted = this.jdbc
			.sql("UPDATE product SET available = available + ?, adjustments = adjustments + ?,"
					+ " updated_at = clock_timestamp() WHERE sku = ? AND available + ? >= 0 RETURNING " + COLUMNS)
			.params(delta, delta, sku, delta)
			.query(ROWS)
			.optional();
		adjusted.ifPresent((product) -> this.jdbc.sql("INSERT INTO stock_adjustment (sku, delta) VALUES (?, ?)")
			.params(sku, delta)
			.update());
		return adjusted;
	}

}
