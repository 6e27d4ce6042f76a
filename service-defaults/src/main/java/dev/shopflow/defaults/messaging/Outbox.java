package dev.shopflow.defaults.messaging;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.Message;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: a message is stored in the same database transaction as the
 * state change it announces, so it is published if and only if that transaction commits
 * (no dual write). {@link OutboxRelay} publishes it after the commit, also after a crash.
 */
public class Outbox {

	private final JdbcClient jdbc;

	private final MessageCodec codec;

	private final OutboxRelay relay;

	public Outbox(JdbcClient jdbc, MessageCodec codec, OutboxRelay relay) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.relay = relay;
	}

	/**
	 * Stores a message for publication to its topic ({@link Topics#of}), keyed by its
	 * order id.
	 * @param message the message
	 * @throws IllegalStateException if no transaction is active
	 */
	public void add(Message message) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Outbox.add needs the transaction of the state change it announces");
		}
		this.jdbc
			.sql("INSERT INTO outbox (topic, message_key, message_type, payload, traceparent) VALUES (?, ?, ?, ?, ?)")
			.params(Topics.of(message), message.orderId().toString(), MessageCodec.typeOf(message),
					this.codec.encode(message), message.traceparent())
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.relay.wakeUp();
			}
		});
	}

}
