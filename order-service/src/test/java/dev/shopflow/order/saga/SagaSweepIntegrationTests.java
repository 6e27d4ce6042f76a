package dev.shopflow.order.saga;

import java.time.Duration;
import java.util.UUID;

import dev.shopflow.order.OrderServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders whose handling fails every time (here: a trigger refuses to let them change
 * status) neither block the sweep of the others nor make it spin: each failing order
 * waits for a next attempt that backs off, and every failure is counted. More of them
 * than one sweep batch holds (50 in these tests) are overdue before the healthy one.
 */
@OrderServiceTest
class SagaSweepIntegrationTests {

	private static final int POISONED = 60;

	private final String poisoned = "sweep-poison-" + UUID.randomUUID();

	private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	@BeforeEach
	void poisonSomeOrders() {
		this.jdbc.sql("CREATE SEQUENCE poison_attempts_" + this.suffix).update();
		// counts every attempt (a sequence is not rolled back), then fails it
		this.jdbc.sql("""
				CREATE FUNCTION poison_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    PERFORM nextval('poison_attempts_%1$s');
				    RAISE EXCEPTION 'order %% cannot change its status', OLD.id;
				END $$""".formatted(this.suffix)).update();
		this.jdbc.sql("""
				CREATE TRIGGER poison_%1$s BEFORE UPDATE ON orders FOR EACH ROW
				WHEN (OLD.customer_id = '%2$s' AND NEW.status IS DISTINCT FROM OLD.status)
				EXECUTE FUNCTION poison_%1$s()""".formatted(this.suffix, this.poisoned)).update();
	}

	@AfterEach
	void cleanUp() {
		this.jdbc.sql("DROP TRIGGER poison_" + this.suffix + " ON orders").update();
		this.jdbc.sql("DROP FUNCTION poison_" + this.suffix).update();
		this.jdbc.sql("DROP SEQUENCE poison_attempts_" + this.suffix).update();
		this.jdbc.sql("DELETE FROM order_timeline WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)")
			.param(this.poisoned)
			.update();
		this.jdbc.sql("DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)")
			.param(this.poisoned)
			.update();
		this.jdbc.sql("DELETE FROM orders WHERE customer_id = ?").param(this.poisoned).update();
	}

	@Test
	void ordersThatAlwaysFailBackOffAndNeitherBlockNorSpinTheSweep() {
		double failuresBefore = failures();
		for (int i = 0; i < POISONED; i++) {
			insertOverdueOrder(this.poisoned, Duration.ofHours(1));
		}
		UUID healthy = insertOverdueOrder("sweep-healthy-" + UUID.randomUUID(), Duration.ofSeconds(1));

		await().atMost(Duration.ofSeconds(20)).until(() -> "REJECTED".equals(status(healthy)));

		// every poisoned order was tried and counted, none more than its back-off allows
		// (first retry after 1 s, then 2 s, ...): no hot loop while they keep failing
		await().atMost(Duration.ofSeconds(10)).until(() -> failures() - failuresBefore >= POISONED);
		long attemptsAtFirst = attempts();
		long tried = this.jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ? AND sweep_failures > 0")
			.param(this.poisoned)
			.query(Long.class)
			.single();
		assertThat(tried).isEqualTo(POISONED);
		await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
		assertThat(attempts() - attemptsAtFirst).isLessThanOrEqualTo(2L * POISONED);
		assertThat(this.jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ? AND status = 'PENDING'")
			.param(this.poisoned)
			.query(Long.class)
			.single()).isEqualTo(POISONED);
	}

	private UUID insertOverdueOrder(String customer, Duration overdue) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO orders (id, customer_id, status, currency, created_at, updated_at, saga_step, deadline,
				    payment_token)
				VALUES (?, ?, 'PENDING', 'EUR', now(), now(), 'RESERVING_STOCK', now() - make_interval(secs => ?),
				    'tok_ok')""").params(id, customer, overdue.toSeconds()).update();
		this.jdbc.sql("INSERT INTO order_lines (order_id, line_no, sku, quantity) VALUES (?, 1, 'SWEEP-TEST', 1)")
			.param(id)
			.update();
		return id;
	}

	private String status(UUID id) {
		return this.jdbc.sql("SELECT status FROM orders WHERE id = ?").param(id).query(String.class).single();
	}

	private long attempts() {
		return this.jdbc.sql("SELECT last_value FROM poison_attempts_" + this.suffix).query(Long.class).single();
	}

	private double failures() {
		return this.meters.find("shopflow.saga.sweep.failures").counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
