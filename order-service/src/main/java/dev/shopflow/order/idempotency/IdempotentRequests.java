package dev.shopflow.order.idempotency;

import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Idempotency keys of one caller (IETF draft "The Idempotency-Key HTTP Header Field").
 *
 * <p>
 * The first request with a key does its work and {@link #remember remembers} its answer
 * in one transaction; that transaction holds a PostgreSQL advisory lock on the key, so a
 * concurrent request with the same key (on any instance) is told at once that the key is
 * in use (409) instead of waiting, and a crash releases the lock with the connection,
 * leaving no key stuck "in progress". Keys expire after a retention of at least 24 h.
 */
@Component
public class IdempotentRequests {

	/** The first key of the advisory lock: a namespace that no other lock here uses. */
	private static final int LOCK_NAMESPACE = 0x4944454d;

	private final JdbcClient jdbc;

	IdempotentRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims a key for this transaction and answers the first answer if the key was used
	 * before with the same request.
	 * @param callerId the caller the key belongs to
	 * @param key the key
	 * @param fingerprint a canonical hash of the request
	 * @return the answer to replay, or empty if this is the first request with the key
	 * @throws IdempotencyKeyInUseException if a request with the key is in flight
	 * @throws IdempotencyKeyReusedException if the key came with another request before
	 */
	public Optional<StoredAnswer> claim(String callerId, IdempotencyKey key, String fingerprint) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("An idempotency key is claimed by the transaction that does the work");
		}
		boolean locked = this.jdbc.sql("SELECT pg_try_advisory_xact_lock(?, hashtext(? || ' ' || ?))")
			.params(LOCK_NAMESPACE, callerId, key.value())
			.query(Boolean.class)
			.single();
		if (!locked) {
			throw new IdempotencyKeyInUseException();
		}
		Optional<Previous> previous = this.jdbc.sql("""
				SELECT request_hash, order_id, response_status, response_body FROM idempotency_keys
				WHERE customer_id = ? AND idempotency_key = ? AND expires_at > now()""")
			.params(callerId, key.value())
			.query((rs, n) -> new Previous(rs.getString(1),
					new StoredAnswer(rs.getObject(2, java.util.UUID.class), rs.getInt(3), rs.getString(4))))
			.optional();
		if (previous.isPresent() && !previous.get().fingerprint().equals(fingerprint)) {
			throw new IdempotencyKeyReusedException();
		}
		return previous.map(Previous::answer);
	}

	/**
	 * Remembers the first answer to a key, in the transaction that claimed it.
	 * @param callerId the caller the key belongs to
	 * @param key the key
	 * @param fingerprint a canonical hash of the request
	 * @param answer the answer
	 * @param retention how long to keep it
	 */
	public void remember(String callerId, IdempotencyKey key, String fingerprint, StoredAnswer answer,
			Duration retention) {
		// an expired entry of the same key is replaced
		this.jdbc.sql("""
				INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, order_id, response_status,
				    response_body, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))
				ON CONFLICT (customer_id, idempotency_key) DO UPDATE SET request_hash = excluded.request_hash,
				    order_id = excluded.order_id, response_status = excluded.response_status,
				    response_body = excluded.response_body, created_at = now(), expires_at = excluded.expires_at
				WHERE idempotency_keys.expires_at <= now()""")
			.params(callerId, key.value(), fingerprint, answer.resourceId(), answer.status(), answer.body(),
					retention.toSeconds())
			.update();
	}

	/**
	 * Forgets expired keys.
	 * @return how many were forgotten
	 */
	public int forgetExpired() {
		return this.jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at <= now()").update();
	}

	private record Previous(String fingerprint, StoredAnswer answer) {
	}

}
