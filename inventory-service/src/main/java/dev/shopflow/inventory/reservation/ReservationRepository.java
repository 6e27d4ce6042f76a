package dev.shopflow.inventory.reservation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.shopflow.common.messages.PricedLine;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reservations of orders and their lines, in plain SQL. */
@Repository
class ReservationRepository {

	/**
	 * Key space of the per-order advisory locks (two-int form, apart from bigint keys).
	 */
	private static final int ORDER_LOCK_SPACE = 0x494e56;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	ReservationRepository(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Serializes all work on the orders until the transaction ends, across instances,
	 * even before an order has a row. The keys are locked in ascending order by one
	 * statement (PostgreSQL evaluates the lock function after the sort, and the keys are
	 * passed sorted as well), so two transactions locking overlapping sets of orders
	 * never wait for each other in a cycle. A key the transaction already holds is
	 * granted at once.
	 * @param orderIds the orders
	 */
	void lockOrders(Collection<UUID> orderIds) {
		Integer[] keys = orderIds.stream().map(UUID::hashCode).distinct().sorted().toArray(Integer[]::new);
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?, k) FROM unnest(?::int[]) AS k ORDER BY k")
			.params(ORDER_LOCK_SPACE, keys)
			.query((rs, n) -> 1)
			.list();
	}

	/**
	 * The skus of the lines the orders' reservations hold.
	 * @param orderIds the orders
	 * @return their skus, each once
	 */
	Set<String> skusReservedFor(Collection<UUID> orderIds) {
		if (orderIds.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(this.jdbc.sql("SELECT DISTINCT sku FROM reservation_line WHERE order_id = ANY(?::uuid[])")
			.param(orderIds.stream().map(UUID::toString).toArray(String[]::new))
			.query(String.class)
			.list());
	}

	Optional<Reservation> find(UUID orderId) {
		List<PricedLine> lines = this.jdbc
			.sql("SELECT sku, quantity, unit_price_minor FROM reservation_line WHERE order_id = ? ORDER BY line_no")
			.param(orderId)
			.query((rs, n) -> new PricedLine(rs.getString(1), rs.getInt(2), rs.getLong(3)))
			.list();
		return this.jdbc.sql("SELECT status, currency, reject_reason, reject_sku FROM reservation WHERE order_id = ?")
			.param(orderId)
			.query((rs, n) -> new Reservation(orderId, Reservation.Status.valueOf(rs.getString(1)), rs.getString(2),
					rs.getString(3), rs.getString(4), lines))
			.optional();
	}

	void addGranted(UUID orderId, String currency, List<PricedLine> lines) {
		this.jdbc.sql("INSERT INTO reservation (order_id, status, currency) VALUES (?, 'RESERVED', ?)")
			.params(orderId, currency)
			.update();
		List<Object[]> rows = new ArrayList<>(lines.size());
		for (int i = 0; i < lines.size(); i++) {
			PricedLine line = lines.get(i);
			rows.add(new Object[] { orderId, i, line.sku(), line.quantity(), line.unitPriceMinor() });
		}
		this.batches.batchUpdate("INSERT INTO reservation_line (order_id, line_no, sku, quantity, unit_price_minor)"
				+ " VALUES (?, ?, ?, ?, ?)", rows);
	}

	void addRejected(UUID orderId, String reason, String sku) {
		this.jdbc
			.sql("INSERT INTO reservation (order_id, status, reject_reason, reject_sku) VALUES (?, 'REJECTED', ?, ?)")
			.params(orderId, reason, sku)
			.update();
	}

	void addTombstone(UUID orderId) {
		this.jdbc.sql("INSERT INTO reservation (order_id, status) VALUES (?, 'TOMBSTONE')").param(orderId).update();
	}

	void changeStatus(UUID orderId, Reservation.Status status) {
		this.jdbc.sql("UPDATE reservation SET status = ?, updated_at = clock_timestamp() WHERE order_id = ?")
			.params(status.name(), orderId)
			.update();
	}

}
