package dev.shopflow.order.order;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.shopflow.testsupport.MigratedDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The schema's constraints: a database filled under the first schema with every value the
 * code writes migrates to the latest one, which then accepts those values and refuses
 * what the code never writes.
 */
class OrderSchemaIntegrationTests {

	@Test
	void migratesExistingOrdersOfEveryKindAndStillAcceptsEveryValueTheCodeWrites() {
		MigratedDatabase database = MigratedDatabase.create("orders_schema").migrateTo("1");
		// PAYMENT_REPLY_REFUSED came with V4: no older database holds it
		List<TimelineStep> olderSteps = Arrays.stream(TimelineStep.values())
			.filter((step) -> step != TimelineStep.PAYMENT_REPLY_REFUSED)
			.toList();
		UUID before = insertOrdersOfEveryKind(database.jdbc(), olderSteps);

		database.migrateTo("latest");

		assertThat(database.jdbc()
			.sql("SELECT count(*) FROM order_timeline WHERE order_id = ?")
			.param(before)
			.query(Long.class)
			.single()).isEqualTo(olderSteps.size());
		assertThatNoException()
			.isThrownBy(() -> insertOrdersOfEveryKind(database.jdbc(), List.of(TimelineStep.values())));
	}

	@Test
	void refusesStatusesStepsAndReasonsTheCodeNeverWrites() {
		JdbcClient jdbc = MigratedDatabase.create("orders_schema").migrateTo("latest").jdbc();

		assertRefused(() -> insertOrder(jdbc, UUID.randomUUID(), "SHIPPED", null, "FINISHED"));
		assertRefused(() -> insertOrder(jdbc, UUID.randomUUID(), "PENDING", null, "WAITING"));
		assertRefused(() -> insertOrder(jdbc, UUID.randomUUID(), "REJECTED", "BORED", "FINISHED"));
		assertRefused(() -> insertOrder(jdbc, UUID.randomUUID(), "REJECTED", null, "FINISHED"));
		assertRefused(() -> insertOrder(jdbc, UUID.randomUUID(), "CONFIRMED", "TIMEOUT", "FINISHED"));
		UUID order = UUID.randomUUID();
		insertOrder(jdbc, order, "PENDING", null, "RESERVING_STOCK");
		assertRefused(() -> jdbc.sql("UPDATE orders SET charge_attempts = -1 WHERE id = ?").param(order).update());
		assertRefused(() -> jdbc.sql("UPDATE orders SET total_minor = -1 WHERE id = ?").param(order).update());
		assertRefused(() -> insertTimeline(jdbc, order, "ORDER_SHIPPED"));
	}

	@Test
	void refusesASecondLineOfTheSameSkuAndLinesWithoutQuantityOrPrice() {
		JdbcClient jdbc = MigratedDatabase.create("orders_schema").migrateTo("latest").jdbc();
		UUID order = UUID.randomUUID();
		insertOrder(jdbc, order, "PENDING", null, "RESERVING_STOCK");
		insertLine(jdbc, order, 1, "APPLE", 1);

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insertLine(jdbc, order, 2, "APPLE", 3));
		assertRefused(() -> insertLine(jdbc, order, 3, "PEAR", 0));
		assertRefused(
				() -> jdbc.sql("UPDATE order_lines SET unit_price_minor = 0 WHERE order_id = ?").param(order).update());
	}

	@Test
	void refusesATimelineOfAnOrderThatDoesNotExist() {
		JdbcClient jdbc = MigratedDatabase.create("orders_schema").migrateTo("latest").jdbc();

		assertRefused(() -> insertTimeline(jdbc, UUID.randomUUID(), TimelineStep.ORDER_PLACED.name()));
	}

	/**
	 * One order per status, step and failure reason; the first has every timeline step.
	 */
	private static UUID insertOrdersOfEveryKind(JdbcClient jdbc, List<TimelineStep> steps) {
		UUID first = UUID.randomUUID();
		insertOrder(jdbc, first, OrderStatus.PENDING.name(), null, SagaStep.RESERVING_STOCK.name());
		insertLine(jdbc, first, 1, "APPLE", 2);
		insertLine(jdbc, first, 2, "PEAR", 1000);
		for (TimelineStep step : steps) {
			insertTimeline(jdbc, first, step.name());
		}
		for (SagaStep step : SagaStep.values()) {
			insertOrder(jdbc, UUID.randomUUID(), OrderStatus.PENDING.name(), null, step.name());
		}
		for (OrderStatus status : OrderStatus.values()) {
			if (status != OrderStatus.REJECTED) {
				insertOrder(jdbc, UUID.randomUUID(), status.name(), null, SagaStep.FINISHED.name());
			}
		}
		for (FailureReason reason : FailureReason.values()) {
			insertOrder(jdbc, UUID.randomUUID(), OrderStatus.REJECTED.name(), reason.name(), SagaStep.FINISHED.name());
		}
		return first;
	}

	private static void insertOrder(JdbcClient jdbc, UUID id, String status, String failureReason, String step) {
		jdbc.sql("""
				INSERT INTO orders (id, customer_id, status, failure_reason, currency, total_minor, created_at,
				    updated_at, saga_step, deadline, charge_attempts)
				VALUES (?, 'schema-test', ?, ?, 'EUR', 600, now(), now(), ?, now() + interval '30 seconds', 1)""")
			.params(id, status, failureReason, step)
			.update();
	}

	private static void insertLine(JdbcClient jdbc, UUID order, int lineNo, String sku, int quantity) {
		jdbc.sql(
				"INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_minor) VALUES (?, ?, ?, ?, 100)")
			.params(order, lineNo, sku, quantity)
			.update();
	}

	private static void insertTimeline(JdbcClient jdbc, UUID order, String step) {
		jdbc.sql("INSERT INTO order_timeline (order_id, step, detail) VALUES (?, ?, 'schema test')")
			.params(order, step)
			.update();
	}

	private static void assertRefused(Runnable write) {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(write::run);
	}

}
