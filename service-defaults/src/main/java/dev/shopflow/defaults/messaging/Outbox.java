package dev.shopflow.defaults.messaging;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.Message;
import dev.shopflow.defaults.tracing.TraceContexts;

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

	private final TraceContexts traces;

	public Outbox(JdbcClient jdbc, MessageCodec codec, OutboxRelay relay, TraceContexts traces) {
		this.jdbc = jdbc;
		this.codec = codec;
		this.relay = relay;
		this.traces = traces;
	}

	/**
	 * Stores a message for publication to its topic ({@link Topics#of}), keyed by its
	 * order id. The row keeps the context of the current span (else the message's own),
	 * which the relay sends as the record's {@code traceparent} header: the consumer's
	 * span is a child of the span that wrote the message.
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
					this.codec.encode(message), this.traces.currentTraceparent(message.traceparent()))
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.relay.wakeUp();
			}
		});
	}

}
