package dev.shopflow.defaults.messaging;

import java.util.List;
import java.util.function.Consumer;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.UnreadableMessageException;
import dev.shopflow.common.messages.Message;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decodes a consumed record and hands it to a handler inside one database transaction.
 * With de-duplication on, a message whose id the {@link Inbox} already holds is skipped;
 * the handler's state changes, its outbox messages and the inbox entry commit together.
 */
public class MessageReceiver {

	private static final Logger log = LoggerFactory.getLogger(MessageReceiver.class);

	private final MessageCodec codec;

	private final Inbox inbox;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	public MessageReceiver(MessageCodec codec, Inbox inbox, TransactionTemplate transactions, MeterRegistry meters) {
		this.codec = codec;
		this.inbox = inbox;
		this.transactions = transactions;
		this.meters = meters;
	}

	/**
	 * Handles a message once, skipping redeliveries of the same message id.
	 * @param <T> the expected message type
	 * @param consumer the consumer's name (one inbox per consumer)
	 * @param payload the record's JSON value
	 * @param type the expected message type
	 * @param handler what to do with it, inside the transaction
	 * @throws UnreadableMessageException if the payload is not a message of that type
	 */
	public <T extends Message> void receiveOnce(String consumer, String payload, Class<T> type, Consumer<T> handler) {
		receiveOnce(consumer, decode(payload, type), handler);
	}

	/**
	 * Handles an already decoded message once, skipping redeliveries of the same message
	 * id (for a listener that decoded it to choose its handler: decoding is a large share
	 * of a consumer's CPU).
	 * @param <T> the message type
	 * @param consumer the consumer's name (one inbox per consumer)
	 * @param message the message
	 * @param handler what to do with it, inside the transaction
	 */
	public <T extends Message> void receiveOnce(String consumer, T message, Consumer<T> handler) {
		withMdc(message, () -> this.transactions.executeWithoutResult((status) -> {
			if (this.inbox.firstDelivery(message.messageId(), consumer)) {
				handler.accept(message);
				count(consumer, message, "handled");
			}
			else {
				log.debug("Skipping redelivered message {}", message.messageId());
				count(consumer, message, "duplicate");
			}
		}));
	}

	/**
	 * Handles every delivery of a message; for handlers that are idempotent by a business
	 * key and answer each delivery (so a lost reply is re-sent by redelivering the
	 * command).
	 * @param <T> the expected message type
	 * @param consumer the consumer's name, for metrics
	 * @param payload the record's JSON value
	 * @param type the expected message type
	 * @param handler what to do with it, inside the transaction
	 */
	public <T extends Message> void receive(String consumer, String payload, Class<T> type, Consumer<T> handler) {
		receive(consumer, decode(payload, type), handler);
	}

	/**
	 * Handles every delivery of an already decoded message (see
	 * {@link #receive(String, String, Class, Consumer)}).
	 * @param <T> the message type
	 * @param consumer the consumer's name, for metrics
	 * @param message the message
	 * @param handler what to do with it, inside the transaction
	 */
	public <T extends Message> void receive(String consumer, T message, Consumer<T> handler) {
		withMdc(message, () -> this.transactions.executeWithoutResult((status) -> {
			handler.accept(message);
			count(consumer, message, "handled");
		}));
	}

	/**
	 * Handles a poll's records once each, in order, in one database transaction: one
	 * commit for the whole poll instead of one per record. If that transaction fails, the
	 * records are handled again one at a time, each in its own transaction, so that one
	 * bad record costs only itself; the first that still fails is reported to the error
	 * handler, which commits the records before it and retries or dead-letters it.
	 * @param <T> the expected message type
	 * @param consumer the consumer's name (one inbox per consumer)
	 * @param records the poll's records
	 * @param type the expected message type
	 * @param handler what to do with each message, inside the transaction
	 * @throws BatchListenerFailedException naming the first record that failed on its own
	 */
	public <T extends Message> void receiveAllOnce(String consumer, List<ConsumerRecord<String, String>> records,
			Class<T> type, Consumer<T> handler) {
		if (records.size() > 1) {
			try {
				this.transactions.executeWithoutResult(
						(status) -> records.forEach((record) -> receiveOnce(consumer, record.value(), type, handler)));
				return;
			}
			catch (RuntimeException ex) {
				log.debug("A poll of {} records failed together ({}); handling them one at a time", records.size(),
						ex.getMessage());
			}
		}
		for (ConsumerRecord<String, String> record : records) {
			try {
				receiveOnce(consumer, record.value(), type, handler);
			}
			catch (RuntimeException ex) {
				throw new BatchListenerFailedException(ex.getMessage(), ex, record);
			}
		}
	}

	private <T extends Message> T decode(String payload, Class<T> type) {
		Message message = this.codec.decode(payload);
		if (!type.isInstance(message)) {
			throw new UnreadableMessageException(
					"Expected " + type.getSimpleName() + " but got " + MessageCodec.typeOf(message), null);
		}
		return type.cast(message);
	}

	// after the commit, so that a batch rolled back and handled again is counted once
	private void count(String consumer, Message message, String outcome) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				MessageReceiver.this.meters
					.counter("shopflow.messages.received", "consumer", consumer, "type", MessageCodec.typeOf(message),
							"outcome", outcome)
					.increment();
			}
		});
	}

	private static void withMdc(Message message, Runnable work) {
		try (var orderId = MDC.putCloseable("orderId", message.orderId().toString())) {
			work.run();
		}
	}

}
