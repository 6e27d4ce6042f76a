package dev.shopflow.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Checks the books after a run: every confirmed order charged exactly once at the
 * simulator, no kept charge without a confirmed order (a charge of any other order must
 * be declined or refunded), no order left pending, and stock conserved per product
 * ({@code initial_stock + adjustments = available + reserved + sold}, nothing reserved,
 * {@code sold} = the quantities of the confirmed orders).
 */
final class BookAudit {

	private static final int SPOT_CHECKS = 20;

	private final ShopClient shop;

	private final String orderDb;

	private final String inventoryDb;

	private final String dbUser;

	BookAudit(ShopClient shop, String orderDb, String inventoryDb, String dbUser) {
		this.shop = shop;
		this.orderDb = orderDb;
		this.inventoryDb = inventoryDb;
		this.dbUser = dbUser;
	}

	/**
	 * Audits until the books balance or the time is up: compensations (refunds, released
	 * reservations, saga deadlines) may still be running when the load stops.
	 * @param settle how long to wait at most
	 * @return the last verdict
	 */
	Books auditUntilSettled(java.time.Duration settle) throws Exception {
		long deadline = System.nanoTime() + settle.toNanos();
		Books books = audit();
		while (!books.balanced() && System.nanoTime() < deadline) {
			System.out.println(
					"  books not balanced yet (" + books.notFinal() + " orders not final), auditing again in 5 s ...");
			java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofSeconds(5).toNanos());
			books = audit();
		}
		return books;
	}

	Books audit() throws Exception {
		List<String> problems = new ArrayList<>();
		Map<String, List<JsonNode>> chargesByReference = new HashMap<>();
		for (JsonNode charge : this.shop.charges(null)) {
			chargesByReference.computeIfAbsent(charge.path("reference").asString(), (key) -> new ArrayList<>())
				.add(charge);
		}
		Map<String, String> statusById = new HashMap<>();
		Map<String, Long> soldBySku = new HashMap<>();
		try (Connection orders = connect(this.orderDb); Statement statement = orders.createStatement()) {
			ResultSet rows = statement.executeQuery("SELECT id, status FROM orders");
			while (rows.next()) {
				statusById.put(rows.getString("id"), rows.getString("status"));
			}
			ResultSet sold = statement.executeQuery("SELECT l.sku, sum(l.quantity) AS quantity FROM orders o "
					+ "JOIN order_lines l ON l.order_id = o.id WHERE o.status = 'CONFIRMED' GROUP BY l.sku");
			while (sold.next()) {
				soldBySku.put(sold.getString("sku"), sold.getLong("quantity"));
			}
		}
		long pending = statusById.values().stream().filter((status) -> !OrderJourney.FINAL.contains(status)).count();
		if (pending > 0) {
			problems.add(pending + " order(s) not final in the order database");
		}
		long confirmed = 0;
		long confirmedNotChargedOnce = 0;
		List<String> confirmedIds = new ArrayList<>();
		for (Map.Entry<String, String> order : statusById.entrySet()) {
			List<JsonNode> charges = chargesByReference.getOrDefault("order-" + order.getKey(), List.of());
			if ("CONFIRMED".equals(order.getValue())) {
				confirmed++;
				confirmedIds.add(order.getKey());
				if (charges.size() != 1 || kept(charges.getFirst()) != 1) {
					confirmedNotChargedOnce++;
					note(problems, "confirmed order " + order.getKey() + " has " + charges.size() + " charge(s), "
							+ charges.stream().mapToLong(BookAudit::kept).sum() + " kept");
				}
			}
		}
		long strayCharges = 0;
		for (Map.Entry<String, List<JsonNode>> reference : chargesByReference.entrySet()) {
			String orderId = reference.getKey().startsWith("order-") ? reference.getKey().substring(6) : null;
			boolean confirmedOrder = orderId != null && "CONFIRMED".equals(statusById.get(orderId));
			for (JsonNode charge : reference.getValue()) {
				if (kept(charge) == 1 && !confirmedOrder) {
					strayCharges++;
					note(problems, "kept charge " + charge.path("id").asString() + " of reference " + reference.getKey()
							+ " without a confirmed order (" + statusById.get(orderId) + ")");
				}
			}
		}
		long spotMismatches = spotCheck(confirmedIds, chargesByReference, problems);
		StockCheck stock = checkStock(soldBySku, problems);
		boolean balanced = pending == 0 && confirmedNotChargedOnce == 0 && strayCharges == 0 && spotMismatches == 0
				&& stock.unbalanced() == 0 && stock.reservedLeft() == 0 && stock.soldMismatches() == 0;
		long chargeCount = chargesByReference.values().stream().mapToLong(List::size).sum();
		return new Books(balanced, statusById.size(), confirmed, pending, chargeCount, confirmedNotChargedOnce,
				strayCharges, stock.products(), stock.unbalanced(), stock.reservedLeft(), stock.soldMismatches(),
				List.copyOf(problems));
	}

	/**
	 * The bulk listing above is one call instead of one per order; a few orders are asked
	 * for one by one too ({@code ?reference=order-<id>}), to be sure both views agree.
	 */
	private long spotCheck(List<String> confirmedIds, Map<String, List<JsonNode>> chargesByReference,
			List<String> problems) throws Exception {
		long mismatches = 0;
		int step = Math.max(1, confirmedIds.size() / SPOT_CHECKS);
		for (int i = 0; i < confirmedIds.size(); i += step) {
			String reference = "order-" + confirmedIds.get(i);
			int single = this.shop.charges(reference).size();
			if (single != chargesByReference.getOrDefault(reference, List.of()).size()) {
				mismatches++;
				note(problems, "charges of " + reference + " differ between the listing and the query");
			}
		}
		return mismatches;
	}

	private StockCheck checkStock(Map<String, Long> soldBySku, List<String> problems) throws SQLException {
		long products = 0;
		long unbalanced = 0;
		long reservedLeft = 0;
		long soldMismatches = 0;
		try (Connection inventory = connect(this.inventoryDb); Statement statement = inventory.createStatement()) {
			ResultSet rows = statement
				.executeQuery("SELECT sku, initial_stock, adjustments, available, reserved, sold FROM product");
			while (rows.next()) {
				products++;
				String sku = rows.getString("sku");
				long in = rows.getLong("initial_stock") + rows.getLong("adjustments");
				long out = rows.getLong("available") + rows.getLong("reserved") + rows.getLong("sold");
				if (in != out) {
					unbalanced++;
					note(problems,
							sku + ": initial + adjustments = " + in + " but available + reserved + sold = " + out);
				}
				if (rows.getLong("reserved") != 0) {
					reservedLeft++;
					note(problems, sku + ": " + rows.getLong("reserved") + " still reserved");
				}
				long expected = soldBySku.getOrDefault(sku, 0L);
				if (rows.getLong("sold") != expected) {
					soldMismatches++;
					note(problems, sku + ": sold " + rows.getLong("sold") + ", confirmed orders hold " + expected);
				}
			}
		}
		return new StockCheck(products, unbalanced, reservedLeft, soldMismatches);
	}

	private static long kept(JsonNode charge) {
		return ("succeeded".equals(charge.path("status").asString()) && !charge.path("refunded").asBoolean()) ? 1 : 0;
	}

	private static void note(List<String> problems, String problem) {
		if (problems.size() < 50) {
			problems.add(problem);
		}
	}

	private Connection connect(String url) throws SQLException {
		return JdbcUrls.connect(url, this.dbUser);
	}

	private record StockCheck(long products, long unbalanced, long reservedLeft, long soldMismatches) {

	}

	/**
	 * The verdict on the books.
	 *
	 * @param balanced whether every check passed
	 * @param orders orders in the order database
	 * @param confirmed confirmed orders
	 * @param notFinal orders neither confirmed, rejected nor cancelled
	 * @param charges charges at the simulator
	 * @param confirmedNotChargedOnce confirmed orders without exactly one kept charge
	 * @param chargesWithoutConfirmedOrder kept (succeeded, not refunded) charges whose
	 * order is not confirmed
	 * @param products products checked
	 * @param productsUnbalanced products whose stock does not add up
	 * @param productsWithReservations products with stock still reserved
	 * @param productsSoldMismatch products whose sold count differs from the confirmed
	 * orders
	 * @param problems the first problems found
	 */
	record Books(boolean balanced, long orders, long confirmed, long notFinal, long charges,
			long confirmedNotChargedOnce, long chargesWithoutConfirmedOrder, long products, long productsUnbalanced,
			long productsWithReservations, long productsSoldMismatch, List<String> problems) {

	}

}
