package dev.shopflow.payment.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Payments in PostgreSQL. The transaction id is the primary key, so a charge is recorded
 * once however often it is asked for; every state change is a conditional update (from
 * {@code PENDING} only), so a late or duplicate outcome never overwrites another.
 */
@Repository
class PaymentRepository {

	private static final String COLUMNS = "transaction_id, order_id, customer_id, amount_minor, currency, status, "
			+ "decline_code, provider_reference, payment_token, token_fingerprint, notify_saga, traceparent, "
			+ "refund_requested, refund_reply, reply_owed, attempts, rejections, created_at, updated_at";

	private final JdbcClient jdbc;

	PaymentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a new {@code PENDING} payment leased to the caller, unless the transaction
	 * id is known (a concurrent insert of the same id waits for the first to commit).
	 * @return {@code true} if it was new
	 */
	boolean insertPending(ChargeOrder order, Duration lease) {
		return this.jdbc.sql("""
				INSERT INTO payment (transaction_id, order_id, customer_id, amount_minor, currency, status,
				    payment_token, token_fingerprint, notify_saga, reply_owed, traceparent, lease_until)
				VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, clock_timestamp() + make_interval(secs => ?))
				ON CONFLICT (transaction_id) DO NOTHING
				""")
			.params(order.transactionId(), order.orderId(), order.customerId(), order.amountMinor(), order.currency(),
					order.token(), order.tokenFingerprint(), order.answersSaga(), order.answersSaga(),
					order.traceparent(), seconds(lease))
			.update() == 1;
	}

	Optional<Payment> find(String transactionId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE transaction_id = ?")
			.param(transactionId)
			.query(PaymentRepository::map)
			.optional();
	}

	/** Reads and locks a payment until the end of the transaction. */
	Optional<Payment> lock(String transactionId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE transaction_id = ? FOR UPDATE")
			.param(transactionId)
			.query(PaymentRepository::map)
			.optional();
	}

	/**
	 * A ChargePayment asked for a known payment: its outcome is answered, and while it is
	 * {@code PENDING} the next recorded attempt answers even an unknown outcome.
	 */
	void answerSaga(String transactionId, String traceparent) {
		this.jdbc
			.sql("UPDATE payment SET notify_saga = true, reply_owed = (status = 'PENDING'), "
					+ "traceparent = coalesce(?, traceparent) WHERE transaction_id = ? AND order_id IS NOT NULL")
			.params(traceparent, transactionId)
			.update();
	}

	/** The owed reply was sent. */
	void replied(String transactionId) {
		this.jdbc.sql("UPDATE payment SET reply_owed = false WHERE transaction_id = ?").param(transactionId).update();
	}

	/**
	 * Takes the lease of a {@code PENDING} payment if nobody holds it.
	 * @return {@code true} if the caller may now call the provider for it
	 */
	boolean takeLease(String transactionId, Duration lease) {
		return this.jdbc.sql("""
				UPDATE payment SET lease_until = clock_timestamp() + make_interval(secs => ?)
				WHERE transaction_id = ? AND (status = 'PENDING' OR refund_requested)
				  AND lease_until <= clock_timestamp()
				""").params(seconds(lease), transactionId).update() == 1;
	}

	/**
	 * Claims the next payment the reconciler should look at: a {@code PENDING} one or a
	 * refund still to do, due and not leased. {@code SKIP LOCKED} plus the lease make two
	 * instances claim different rows.
	 */
	Optional<Payment> claimNextUnsettled(Duration lease) {
		return this.jdbc.sql("""
				UPDATE payment SET lease_until = clock_timestamp() + make_interval(secs => ?)
				WHERE transaction_id IN (
				    SELECT transaction_id FROM payment
				    WHERE (status = 'PENDING' OR (status = 'SUCCEEDED' AND refund_requested))
				      AND next_attempt_at <= clock_timestamp() AND lease_until <= clock_timestamp()
				    ORDER BY next_attempt_at
				    LIMIT 1
				    FOR UPDATE SKIP LOCKED)
				RETURNING\s""" + COLUMNS).param(seconds(lease)).query(PaymentRepository::map).optional();
	}

	/** Records the provider's answer; the token is forgotten. */
	Optional<Payment> settle(String transactionId, PaymentStatus status, String providerReference, String declineCode) {
		return this.jdbc
			.sql("""
					UPDATE payment SET status = ?, provider_reference = ?, decline_code = ?, payment_token = NULL,
					    reply_owed = false, lease_until = clock_timestamp(), next_attempt_at = clock_timestamp(), updated_at = clock_timestamp()
					WHERE transaction_id = ? AND status = 'PENDING'
					RETURNING\s"""
					+ COLUMNS)
			.params(status.name(), providerReference, declineCode, transactionId)
			.query(PaymentRepository::map)
			.optional();
	}

	/**
	 * A provider attempt failed: free the lease and retry after a back-off.
	 * @param rejected whether the provider refused the request (counted towards the cap)
	 */
	Payment postpone(String transactionId, PaymentProperties.Reconciler reconciler, boolean rejected) {
		return this.jdbc
			.sql("""
					UPDATE payment SET attempts = attempts + 1, rejections = rejections + ?, lease_until = clock_timestamp(),
					    next_attempt_at = clock_timestamp()
					        + make_interval(secs => least(? * power(2, least(attempts, 20)), ?))
					WHERE transaction_id = ?
					RETURNING\s"""
					+ COLUMNS)
			.params(rejected ? 1 : 0, seconds(reconciler.backoff()), seconds(reconciler.maxBackoff()), transactionId)
			.query(PaymentRepository::map)
			.single();
	}

	/**
	 * Asks for a refund that the reconciler will do if the caller has not done it within
	 * the lease (the caller works on it right after its commit).
	 */
	void requestRefund(String transactionId, boolean reply, String traceparent, Duration lease) {
		this.jdbc.sql("""
				UPDATE payment SET refund_requested = true, refund_reply = refund_reply OR ?,
				    traceparent = coalesce(?, traceparent),
				    next_attempt_at = clock_timestamp() + make_interval(secs => ?), updated_at = clock_timestamp()
				WHERE transaction_id = ?
				""").params(reply, traceparent, seconds(lease), transactionId).update();
	}

	/** The refund was done at the provider. */
	Optional<Payment> markRefunded(String transactionId) {
		return this.jdbc.sql("""
				UPDATE payment SET status = 'REFUNDED', refund_requested = false, lease_until = clock_timestamp(),
				    updated_at = clock_timestamp()
				WHERE transaction_id = ? AND status = 'SUCCEEDED'
				RETURNING\s""" + COLUMNS).param(transactionId).query(PaymentRepository::map).optional();
	}

	/** There is nothing to refund (the charge was declined). */
	void dropRefundRequest(String transactionId) {
		this.jdbc.sql("UPDATE payment SET refund_requested = false WHERE transaction_id = ?")
			.param(transactionId)
			.update();
	}

	List<Payment> page(UUID orderId, String customerId, int page, int size) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM payment WHERE " + FILTER
					+ " ORDER BY created_at DESC, transaction_id LIMIT ? OFFSET ?")
			.params(orderId, orderId, customerId, customerId, size, (long) page * size)
			.query(PaymentRepository::map)
			.list();
	}

	long count(UUID orderId, String customerId) {
		return this.jdbc.sql("SELECT count(*) FROM payment WHERE " + FILTER)
			.params(orderId, orderId, customerId, customerId)
			.query(Long.class)
			.single();
	}

	private static final String FILTER = "(?::uuid IS NULL OR order_id = ?) AND (?::text IS NULL OR customer_id = ?)";

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static Payment map(ResultSet row, int rowNumber) throws SQLException {
		return new Payment(row.getString("transaction_id"), row.getObject("order_id", UUID.class),
				row.getString("customer_id"), row.getLong("amount_minor"), row.getString("currency"),
				PaymentStatus.valueOf(row.getString("status")), row.getString("decline_code"),
				row.getString("provider_reference"), row.getString("payment_token"), row.getString("token_fingerprint"),
				row.getBoolean("notify_saga"), row.getString("traceparent"), row.getBoolean("refund_requested"),
				row.getBoolean("refund_reply"), row.getBoolean("reply_owed"), row.getInt("attempts"),
				row.getInt("rejections"), row.getTimestamp("created_at").toInstant(),
				row.getTimestamp("updated_at").toInstant());
	}

}
