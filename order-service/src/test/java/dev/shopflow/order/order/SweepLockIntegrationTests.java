package dev.shopflow.order.order;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.shopflow.testsupport.MigratedDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sweeper works on the order as it is once locked, never on an older copy (issue
 * 15.3). A reply that commits while the sweeper's statement waits to lock the row must be
 * in what the sweeper reads, or writing that copy back would undo it. Here one thread
 * keeps committing changes to an overdue order, as replies do, while another keeps
 * locking the due orders and compares what it was handed with the row as committed. When
 * {@link OrderRepository#lockDue} read the rows in the statement that locked them, 173 of
 * 3,000 sweeps got a stale copy.
 */
class SweepLockIntegrationTests {

	private static final int RACES = 3000;

	/** One thread each for the replies and the sweeper (the common pool may have one). */
	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void sweeperReadsTheOrderAsCommittedWhenItLockedIt() {
		MigratedDatabase database = MigratedDatabase.create("sweep_lock").migrateTo("latest");
		UUID order = insertOverdueOrder(database.jdbc());
		AtomicBoolean racing = new AtomicBoolean(true);
		AtomicInteger changes = new AtomicInteger();
		AtomicInteger sweeps = new AtomicInteger();
		AtomicInteger staleCopies = new AtomicInteger();

		CompletableFuture<Void> replies = CompletableFuture
			.runAsync(() -> inTransactions(database, racing, (jdbc) -> changes.addAndGet(
					jdbc.sql("UPDATE orders SET total_minor = total_minor + 1 WHERE id = ?").param(order).update())));
		CompletableFuture<Void> sweeper = CompletableFuture.runAsync(() -> inTransactions(database, racing, (jdbc) -> {
			List<Order> due = new OrderRepository(jdbc, null, null).lockDue(50);
			for (Order copy : due) {
				sweeps.incrementAndGet();
				long committed = jdbc.sql("SELECT total_minor FROM orders WHERE id = ?")
					.param(copy.id().value())
					.query(Long.class)
					.single();
				if (copy.state().totalMinor() != committed) {
					staleCopies.incrementAndGet();
				}
			}
		}), this.threads);
		try {
			await().atMost(Duration.ofMinutes(1))
				.until(() -> replies.isDone() || sweeper.isDone() || (changes.get() >= RACES && sweeps.get() >= RACES));
		}
		finally {
			racing.set(false);
		}
		CompletableFuture.allOf(replies, sweeper).join();

		assertThat(changes).as("changes committed while sweeping").hasValueGreaterThanOrEqualTo(RACES);
		assertThat(sweeps).as("sweeps that locked the order").hasValueGreaterThanOrEqualTo(RACES);
		assertThat(staleCopies).as("sweeps handed an older copy than the committed row").hasValue(0);
	}

	private static void inTransactions(MigratedDatabase database, AtomicBoolean racing, JdbcWork work) {
		SingleConnectionDataSource dataSource = database.singleConnection();
		try {
			JdbcClient jdbc = JdbcClient.create(dataSource);
			TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
			while (racing.get()) {
				transactions.executeWithoutResult((status) -> work.run(jdbc));
			}
		}
		finally {
			dataSource.destroy();
		}
	}

	private static UUID insertOverdueOrder(JdbcClient jdbc) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO orders (id, customer_id, status, currency, total_minor, created_at, updated_at, saga_step,
				    deadline, charge_attempts)
				VALUES (?, 'sweep-lock', 'PENDING', 'EUR', 100, now(), now(), 'CHARGING_PAYMENT',
				    now() - interval '1 second', 1)""").param(id).update();
		jdbc.sql(
				"INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_minor) VALUES (?, 1, 'SKU', 1, 100)")
			.param(id)
			.update();
		return id;
	}

	@FunctionalInterface
	private interface JdbcWork {

		void run(JdbcClient jdbc);

	}

}
