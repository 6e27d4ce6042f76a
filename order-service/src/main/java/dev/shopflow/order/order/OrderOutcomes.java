package dev.shopflow.order.order;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.shopflow.defaults.background.BackgroundTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tells requests that wait for an order's outcome ({@code Prefer: wait}) when any
 * instance commits one. The transaction that ends an order's {@code PENDING} status also
 * sends a PostgreSQL {@code NOTIFY} with the order id, which the database delivers at
 * commit to every instance listening; a waiter re-reads the order then. Every waiter
 * re-reads once more whenever the listening connection (re)connects, since notifications
 * sent while it was down are lost, and, as a last resort, every recheck interval. At most
 * {@code maxWaiting} requests wait at once; past that a request is answered at once, as
 * RFC 7240 allows a server to ignore a preference (an overloaded instance must not hold
 * requests without bound).
 *
 * <p>
 * Hand-written: LISTEN/NOTIFY over plain JDBC is one statement and one driver call, and
 * the libraries that offer it (Spring Integration's {@code PostgresSubscribableChannel})
 * bring a message store and channel model this service does not otherwise need.
 */
class OrderOutcomes extends BackgroundTask {

	static final String CHANNEL = "shopflow_order_outcome";

	/**
	 * How long the listener blocks for notifications before it checks whether to stop.
	 */
	private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(OrderOutcomes.class);

	private final DataSource listening;

	private final Duration recheck;

	private final Map<UUID, Set<Semaphore>> waiters = new ConcurrentHashMap<>();

	private final Semaphore places;

	// the task's thread's, and stop()'s once that thread is done
	private Connection connection;

	private PGConnection notifications;

	/**
	 * Creates the listener.
	 * @param listening where to open the one connection that listens (not from the pool:
	 * it is held for the life of the instance)
	 * @param recheck how long a waiter trusts the notifications before it re-reads the
	 * order anyway
	 * @param maxWaiting how many requests may wait at once
	 * @param meters where the number of waiting requests is published
	 */
	OrderOutcomes(DataSource listening, Duration recheck, int maxWaiting, MeterRegistry meters) {
		super("order-outcomes", Duration.ZERO, meters);
		this.listening = listening;
		this.recheck = recheck;
		this.places = new Semaphore(maxWaiting);
		Gauge
			.builder("shopflow.orders.waiting", this.waiters,
					(waiting) -> waiting.values().stream().mapToInt(Set::size).sum())
			.description("Requests waiting for an order's outcome (Prefer: wait)")
			.register(meters);
	}

	/**
	 * Announces, inside the transaction that decides it, that an order has its outcome;
	 * PostgreSQL delivers it when (and only if) the transaction commits.
	 * @param jdbc the transaction's client
	 * @param id the order
	 */
	static void announce(JdbcClient jdbc, OrderId id) {
		jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, id.value().toString()).query((RowCallbackHandler) (rs) -> {
		});
	}

	/**
	 * Starts waiting for an order's outcome, if fewer than {@code maxWaiting} requests
	 * wait; read the order after subscribing, so that an outcome committed in between is
	 * not missed.
	 * @param id the order
	 * @return the subscription, to close when done; empty if too many requests wait
	 */
	Optional<Subscription> subscribe(OrderId id) {
		if (!this.places.tryAcquire()) {
			return Optional.empty();
		}
		return Optional.of(new Subscription(id.value()));
	}

	private void signal(UUID orderId) {
		Set<Semaphore> waiting = this.waiters.get(orderId);
		if (waiting != null) {
			waiting.forEach(Semaphore::release);
		}
	}

	private void signalAll() {
		this.waiters.values().forEach((waiting) -> waiting.forEach(Semaphore::release));
	}

	/**
	 * Waits up to a second for notifications on the listening connection (opened, and
	 * {@code LISTEN} sent, if there is none) and signals their waiters; a failed round
	 * closes the connection, and waiters re-read their order every recheck meanwhile.
	 */
	@Override
	protected boolean runOnce() throws SQLException {
		try {
			if (this.connection == null) {
				listen();
			}
			PGNotification[] received = this.notifications.getNotifications((int) LISTEN_TIMEOUT.toMillis());
			if (received != null) {
				for (PGNotification notification : received) {
					signal(UUID.fromString(notification.getParameter()));
				}
			}
			return false;
		}
		catch (SQLException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private void listen() throws SQLException {
		this.connection = this.listening.getConnection();
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("LISTEN " + CHANNEL);
		}
		this.notifications = this.connection.unwrap(PGConnection.class);
		// outcomes committed while no connection listened were not announced here
		signalAll();
	}

	private void close() {
		Connection open = this.connection;
		this.connection = null;
		this.notifications = null;
		if (open != null) {
			try {
				open.close();
			}
			catch (SQLException ex) {
				log.debug("Could not close the listening connection: {}", ex.getMessage());
			}
		}
	}

	@Override
	public void stop() {
		super.stop();
		close();
	}

	/** One request waiting for one order's outcome. */
	final class Subscription implements AutoCloseable {

		private final UUID orderId;

		private final Semaphore signals = new Semaphore(0);

		private Subscription(UUID orderId) {
			this.orderId = orderId;
			// atomically, so that a concurrent close() never removes the set this joins
			OrderOutcomes.this.waiters.compute(orderId, (id, waiting) -> {
				Set<Semaphore> joined = (waiting != null) ? waiting : ConcurrentHashMap.newKeySet();
				joined.add(this.signals);
				return joined;
			});
		}

		/**
		 * Waits for a signal, at most until the deadline and at most the recheck
		 * interval.
		 * @param deadlineNanos the deadline, on {@link System#nanoTime()}'s clock
		 * @return {@code false} if the deadline has passed (read the order one last time)
		 */
		boolean await(long deadlineNanos) {
			long remaining = deadlineNanos - System.nanoTime();
			if (remaining <= 0) {
				return false;
			}
			try {
				this.signals.tryAcquire(Math.min(remaining, OrderOutcomes.this.recheck.toNanos()),
						TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			return true;
		}

		@Override
		public void close() {
			OrderOutcomes.this.waiters.computeIfPresent(this.orderId, (id, waiting) -> {
				waiting.remove(this.signals);
				return waiting.isEmpty() ? null : waiting;
			});
			OrderOutcomes.this.places.release();
		}

	}

}
