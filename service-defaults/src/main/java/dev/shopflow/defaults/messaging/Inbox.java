package dev.shopflow.defaults.messaging;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Remembers which messages a consumer has handled, in the transaction that handled them,
 * so that a redelivered message is recognised and skipped.
 */
public class Inbox {

	private final JdbcClient jdbc;

	public Inbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a message as handled by a consumer, if it was not already.
	 * @param messageId the message id
	 * @param consumer the consumer's name
	 * @return {@code true} the first time, {@code false} for a redelivery
	 */
	public boolean firstDelivery(UUID messageId, String consumer) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Inbox.firstDelivery needs the transaction that handles the message");
		}
		return this.jdbc.sql("INSERT INTO inbox (message_id, consumer) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(messageId, consumer)
			.update() == 1;
	}

	/**
	 * Forgets message ids older than the retention.
	 * @param retention how long to remember ids
	 * @return how many were forgotten
	 */
	public int forgetOlderThan(java.time.Duration retention) {
		return this.jdbc.sql("DELETE FROM inbox WHERE received_at < now() - make_interval(secs => ?)")
			.param(retention.toSeconds())
			.update();
	}

}
