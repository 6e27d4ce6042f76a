package dev.shopflow.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.shopflow.localrun.LocalStack;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit at the end of a system test suite, from the databases and the provider's
 * ledger: no order left pending, every confirmed order charged exactly once, no kept
 * charge on any other order, stock conserved per SKU and nothing left reserved.
 */
final class Books {

	private Books() {
	}

	static void audit(LocalStack stack, Shop shop) throws Exception {
		Map<String, Long> soldByConfirmedOrders = new HashMap<>();
		try (Connection orders = connect(stack, "order")) {
			ResultSet pending = orders.createStatement()
				.executeQuery("SELECT count(*) FROM orders WHERE status = 'PENDING'");
			pending.next();
			assertThat(pending.getLong(1)).as("orders left PENDING").isZero();
			// an order is confirmed on its payment; its stock commit is acknowledged
			// after
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				try (ResultSet committing = orders.createStatement()
					.executeQuery("SELECT count(*) FROM orders WHERE saga_step = 'COMMITTING_STOCK'")) {
					committing.next();
					return committing.getLong(1) == 0;
				}
			});
			ResultSet rows = orders.createStatement()
				.executeQuery(
						"SELECT o.id, o.status, l.sku, l.quantity FROM orders o JOIN order_lines l ON l.order_id = o.id");
			while (rows.next()) {
				String status = rows.getString("status");
				JsonNode charges = shop.charges("order-" + rows.getObject("id"));
				long kept = countKept(charges);
				if ("CONFIRMED".equals(status)) {
					soldByConfirmedOrders.merge(rows.getString("sku"), rows.getLong("quantity"), Long::sum);
					assertThat(charges).as("charges of confirmed order %s", rows.getObject("id")).hasSize(1);
					assertThat(kept).isEqualTo(1);
				}
				else {
					assertThat(kept).as("kept charges of %s order %s", status, rows.getObject("id")).isZero();
				}
			}
		}
		try (Connection inventory = connect(stack, "inventory")) {
			ResultSet products = inventory.createStatement()
				.executeQuery("SELECT sku, initial_stock, adjustments, available, reserved, sold FROM product");
			while (products.next()) {
				String sku = products.getString("sku");
				assertThat(products.getLong("initial_stock") + products.getLong("adjustments")).as("stock of %s", sku)
					.isEqualTo(products.getLong("available") + products.getLong("reserved") + products.getLong("sold"));
				assertThat(products.getLong("reserved")).as("reserved %s", sku).isZero();
				assertThat(products.getLong("sold")).as("sold %s", sku)
					.isEqualTo(soldByConfirmedOrders.getOrDefault(sku, 0L));
			}
		}
	}

	private static long countKept(JsonNode charges) {
		long count = 0;
		for (JsonNode charge : charges) {
			if ("succeeded".equals(charge.path("status").asString()) && !charge.path("refunded").asBoolean()) {
				count++;
			}
		}
		return count;
	}

	static Connection connect(LocalStack stack, String service) throws Exception {
		return DriverManager.getConnection(stack.jdbcUrl(service), stack.databaseUser(),
				System.getenv().getOrDefault("PGPASSWORD", ""));
	}

}
