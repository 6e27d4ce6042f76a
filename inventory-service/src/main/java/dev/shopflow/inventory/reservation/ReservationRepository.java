package dev.shopflow.inventory.reservation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.shopflow.common.messages.PricedLine;

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

	ReservationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serializes all work on one order until the transaction ends, across instances, even
	 * before the order has a row. Taken first in every command's transaction, before any
	 * product row, so locks are always taken in the same order and cannot deadlock.
	 * @param orderId the order
	 */
	void lockOrder(UUID orderId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?, ?)")
			.params(ORDER_LOCK_SPACE, orderId.hashCode())
			.query((rs, n) -> 1)
			.single();
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
		for (int i = 0; i < lines.size(); i++) {
			PricedLine line = lines.get(i);
			this.jdbc
				.sql("INSERT INTO reservation_line (order_id, line_no, sku, quantity, unit_price_minor)"
						+ " VALUES (?, ?, ?, ?, ?)")
				.params(orderId, i, line.sku(), line.quantity(), line.unitPriceMinor())
				.update();
		}
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
