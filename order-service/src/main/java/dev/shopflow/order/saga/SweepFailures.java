package dev.shopflow.order.saga;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import dev.shopflow.order.order.OrderId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sweeper's own bookkeeping on an order row ({@code sweep_failures},
 * {@code sweep_after}): an order it could not advance is not swept again before a
 * back-off that doubles with each failure in a row ({@code OrderRepository.lockDue} skips
 * it until then, and any stored transition of the order resets both).
 */
@Component
class SweepFailures {

	private final JdbcClient jdbc;

	SweepFailures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Notes that the sweeper could not advance a locked order, in the sweep's
	 * transaction.
	 * @param id the order
	 * @param initial the back-off after the first failure
	 * @param max the longest back-off
	 * @return the failures in a row and when the order is swept next
	 */
	Failure note(OrderId id, Duration initial, Duration max) {
		// clock_timestamp(), not now(): a sweep's transaction may have started a while
		// ago
		return this.jdbc
			.sql("""
					UPDATE orders SET sweep_failures = sweep_failures + 1,
					    sweep_after = clock_timestamp() + make_interval(secs => LEAST(?, ? * power(2, LEAST(sweep_failures, 20))))
					WHERE id = ?
					RETURNING sweep_failures, sweep_after""")
			.params(max.toMillis() / 1000.0, initial.toMillis() / 1000.0, id.value())
			.query((rs, n) -> new Failure(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.single();
	}

	/**
	 * The sweeper failed to advance an order.
	 *
	 * @param inARow how many sweeps in a row failed on it
	 * @param nextAttempt when it is swept next
	 */
	record Failure(int inARow, Instant nextAttempt) {
	}

}
