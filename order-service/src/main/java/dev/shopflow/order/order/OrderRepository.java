package dev.shopflow.order.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.shopflow.defaults.messaging.Outbox;

import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores orders with their saga state, lines and timeline, and hands the messages of each
 * transition to the outbox in the same transaction. Every read of an order is one round
 * trip (order and lines joined); every transition is one update of the order row plus one
 * insert of its timeline steps (and of its new prices, once).
 */
@Repository
public class OrderRepository {

	private static final String COLUMNS = "o.id, o.customer_id, o.status, o.failure_reason, o.currency, o.total_minor,"
			+ " o.created_at, o.updated_at, o.traceparent, o.saga_step, o.deadline, o.payment_token, o.charge_attempts,"
			+ " o.next_charge_at, o.stock_reserved, o.charged, o.payment_unavailable,"
			+ " l.line_no, l.sku, l.quantity, l.unit_price_minor";

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final OrderAfterSave afterSave;

	OrderRepository(JdbcClient jdbc, Outbox outbox, OrderAfterSave afterSave) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.afterSave = afterSave;
	}

	void insert(Order order) {
		OrderState state = order.state();
		SagaState saga = state.saga();
		this.jdbc.sql("""
				INSERT INTO orders (id, customer_id, status, failure_reason, currency, total_minor, created_at,
				    updated_at, traceparent, saga_step, deadline, payment_token, charge_attempts, next_charge_at,
				    stock_reserved, charged, payment_unavailable)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(order.id().value(), order.head().customerId(), state.status().name(), name(state.failureReason()),
					state.currency(), state.totalMinor(), timestamp(order.head().createdAt()),
					timestamp(state.updatedAt()), order.head().traceparent(), saga.step().name(),
					timestamp(order.deadline()), saga.paymentToken(), saga.chargeAttempts(),
					timestamp(saga.nextChargeAt()), saga.stockReserved(), saga.charged(), saga.paymentUnavailable())
			.update();
		List<OrderLine> lines = order.lines();
		this.jdbc
			.sql("""
					INSERT INTO order_lines (order_id, line_no, sku, quantity)
					SELECT ?, l.n, l.sku, l.quantity FROM unnest(?::text[], ?::int[]) WITH ORDINALITY AS l (sku, quantity, n)""")
			.params(order.id().value(), lines.stream().map(OrderLine::sku).toArray(String[]::new),
					lines.stream().map(OrderLine::quantity).toArray(Integer[]::new))
			.update();
		flush(order);
	}

	/**
	 * Stores what the order's last transitions changed, with their timeline steps and
	 * messages. Must run in the transaction that locked the order.
	 * @param order the order
	 */
	public void save(Order order) {
		if (order.changes().stateChanged()) {
			OrderState state = order.state();
			SagaState saga = state.saga();
			this.jdbc.sql("""
					UPDATE orders SET status = ?, failure_reason = ?, currency = ?, total_minor = ?, updated_at = ?,
					    saga_step = ?, payment_token = ?, charge_attempts = ?, next_charge_at = ?, stock_reserved = ?,
					    charged = ?, payment_unavailable = ?, sweep_failures = 0, sweep_after = NULL
					WHERE id = ?""")
				.params(state.status().name(), name(state.failureReason()), state.currency(), state.totalMinor(),
						timestamp(state.updatedAt()), saga.step().name(), saga.paymentToken(), saga.chargeAttempts(),
						timestamp(saga.nextChargeAt()), saga.stockReserved(), saga.charged(), saga.paymentUnavailable(),
						order.id().value())
				.update();
		}
		if (order.changes().linesPriced()) {
			List<OrderLine> priced = order.lines().stream().filter((line) -> line.unitPriceMinor() != null).toList();
			this.jdbc.sql("""
					UPDATE order_lines l SET unit_price_minor = p.price
					FROM unnest(?::text[], ?::bigint[]) AS p (sku, price)
					WHERE l.order_id = ? AND l.sku = p.sku""")
				.params(priced.stream().map(OrderLine::sku).toArray(String[]::new),
						priced.stream().map(OrderLine::unitPriceMinor).toArray(Long[]::new), order.id().value())
				.update();
		}
		flush(order);
	}

	private void flush(Order order) {
		List<TimelineEntry> steps = order.changes().steps();
		if (!steps.isEmpty()) {
			this.jdbc.sql("""
					INSERT INTO order_timeline (order_id, step, detail)
					SELECT ?, t.step, t.detail FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS t (step, detail, n)
					ORDER BY t.n""")
				.params(order.id().value(), steps.stream().map((entry) -> entry.step().name()).toArray(String[]::new),
						steps.stream().map(TimelineEntry::detail).toArray(String[]::new))
				.update();
		}
		order.changes().messages().forEach(this.outbox::add);
		this.afterSave.saved(order);
		order.changes().clear();
	}

	/**
	 * Reads an order and locks it until the transaction ends, so that one reply, sweep or
	 * cancel at a time changes it (also across instances).
	 * @param id the order id
	 * @return the order, if it exists
	 */
	public Optional<Order> findForUpdate(OrderId id) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = ?"
					+ " ORDER BY l.line_no FOR UPDATE OF o")
			.param(id.value())
			.query(orders())
			.stream()
			.findFirst();
	}

	Optional<Order> findById(OrderId id) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = ?"
					+ " ORDER BY l.line_no")
			.param(id.value())
			.query(orders())
			.stream()
			.findFirst();
	}

	/**
	 * Locks pending orders whose saga is overdue or whose charge is due again, skipping
	 * any that another transaction (a reply, another instance's sweeper) holds and any
	 * whose last sweep failed less than its back-off ago.
	 * @param limit how many at most
	 * @return the locked orders, most overdue first
	 */
	public List<Order> lockDue(int limit) {
		List<UUID> ids = this.jdbc.sql("""
				SELECT id FROM orders WHERE status = 'PENDING' AND (deadline <= now() OR next_charge_at <= now())
				   AND (sweep_after IS NULL OR sweep_after <= now())
				 ORDER BY deadline LIMIT ? FOR UPDATE SKIP LOCKED""").param(limit).query(UUID.class).list();
		if (ids.isEmpty()) {
			return List.of();
		}
		// read under the locks, in a statement of its own: one statement's snapshot
		// predates a reply committed while it waited to lock, and writing that stale
		// copy back would undo the reply (SweepLockIntegrationTests)
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM orders o JOIN order_lines l ON l.order_id = o.id
				WHERE o.id IN (:ids)
				ORDER BY o.deadline, o.id, l.line_no""").param("ids", ids).query(orders());
	}

	OrderPage findPage(String customerId, OrderStatus status, int page, int size) {
		List<String> conditions = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (customerId != null) {
			conditions.add("customer_id = ?");
			params.add(customerId);
		}
		if (status != null) {
			conditions.add("status = ?");
			params.add(status.name());
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		long total = this.jdbc.sql("SELECT count(*) FROM orders" + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<Order> orders = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM (SELECT * FROM orders" + where
					+ " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?) o JOIN order_lines l ON l.order_id = o.id"
					+ " ORDER BY o.created_at DESC, o.id DESC, l.line_no")
			.params(pageParams)
			.query(orders());
		return new OrderPage(orders, total);
	}

	List<TimelineEntry> timeline(OrderId id) {
		return this.jdbc.sql("SELECT at, step, detail FROM order_timeline WHERE order_id = ? ORDER BY id")
			.param(id.value())
			.query((rs, n) -> new TimelineEntry(instant(rs, "at"), TimelineStep.valueOf(rs.getString("step")),
					rs.getString("detail")))
			.list();
	}

	private static ResultSetExtractor<List<Order>> orders() {
		return (rs) -> {
			Map<UUID, List<OrderLine>> lines = new LinkedHashMap<>();
			Map<UUID, Order> heads = new LinkedHashMap<>();
			while (rs.next()) {
				UUID id = rs.getObject("id", UUID.class);
				if (!heads.containsKey(id)) {
					heads.put(id, order(rs));
					lines.put(id, new ArrayList<>());
				}
				// null until priced (wasNull() after reading other columns would answer
				// for those)
				Long price = rs.getObject("unit_price_minor", Long.class);
				lines.get(id).add(new OrderLine(rs.getString("sku"), rs.getInt("quantity"), price));
			}
			List<Order> orders = new ArrayList<>();
			heads.forEach((id, head) -> orders.add(new Order(head.head(), lines.get(id), head.state())));
			return orders;
		};
	}

	private static Order order(ResultSet rs) throws SQLException {
		long total = rs.getLong("total_minor");
		Long totalMinor = rs.wasNull() ? null : total;
		String reason = rs.getString("failure_reason");
		OrderState state = new OrderState(OrderStatus.valueOf(rs.getString("status")),
				(reason != null) ? FailureReason.valueOf(reason) : null, totalMinor, rs.getString("currency"),
				instant(rs, "updated_at"),
				new SagaState(SagaStep.valueOf(rs.getString("saga_step")), rs.getString("payment_token"),
						rs.getInt("charge_attempts"), instant(rs, "next_charge_at"), rs.getBoolean("stock_reserved"),
						rs.getBoolean("charged"), rs.getBoolean("payment_unavailable")));
		return new Order(
				new OrderHead(new OrderId(rs.getObject("id", UUID.class)), rs.getString("customer_id"),
						instant(rs, "created_at"), rs.getString("traceparent"), instant(rs, "deadline")),
				List.of(), state);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static String name(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

	record OrderPage(List<Order> orders, long totalItems) {
	}

}
