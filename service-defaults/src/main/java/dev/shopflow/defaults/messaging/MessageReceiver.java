package dev.shopflow.defaults.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.UnreadableMessageException;
import dev.shopflow.common.messages.Message;
import dev.shopflow.defaults.LogContext;
import dev.shopflow.defaults.tracing.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

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

	private final TraceContexts traces;

	public MessageReceiver(MessageCodec codec, Inbox inbox, TransactionTemplate transactions, MeterRegistry meters,
			TraceContexts traces) {
		this.codec = codec;
		this.inbox = inbox;
		this.transactions = transactions;
		this.meters = meters;
		this.traces = traces;
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
		within(message, null, () -> this.transactions.executeWithoutResult((status) -> {
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
		within(message, null, () -> this.transactions.executeWithoutResult((status) -> {
			handler.accept(message);
			count(consumer, message, "handled");
		}));
	}

	/**
	 * Handles a poll's records once each, in order, in one database transaction (see
	 * {@link #receiveBatch(String, List, BatchHandler)}).
	 * @param <T> the expected message type
	 * @param consumer the consumer's name (one inbox per consumer)
	 * @param records the poll's records
	 * @param type the expected message type
	 * @param handler what to do with each message, inside the transaction
	 * @throws BatchListenerFailedException naming the first record that failed on its own
	 */
	public <T extends Message> void receiveAllOnce(String consumer, List<ConsumerRecord<String, String>> records,
			Class<T> type, Consumer<T> handler) {
		receiveBatch(consumer, records, new BatchHandler<Void>() {
			@Override
			public Void handle(Message message) {
				if (!type.isInstance(message)) {
					throw new UnreadableMessageException(
							"Expected " + type.getSimpleName() + " but got " + MessageCodec.typeOf(message), null);
				}
				handler.accept(type.cast(message));
				return null;
			}
		}).throwIfFailed();
	}

	/**
	 * Handles a poll's records in order, in one database transaction: one commit for the
	 * whole poll instead of one per record. The handler's {@link BatchHandler#prepare
	 * prepare} sees every message first (to lock rows in one global order, so that two
	 * batches cannot deadlock). If that transaction fails, the records are handled again
	 * one at a time, each in its own transaction, so that one bad record costs only
	 * itself; the first that still fails ends the batch, and is returned as the failure
	 * for the error handler, which commits the records before it and retries or
	 * dead-letters it.
	 * @param <R> what handling a message yields
	 * @param consumer the consumer's name (one inbox per consumer)
	 * @param records the poll's records
	 * @param handler what to do with the messages, inside the transaction
	 * @return the results of the messages handled and committed, and the failure if any
	 */
	public <R> Batch<R> receiveBatch(String consumer, List<ConsumerRecord<String, String>> records,
			BatchHandler<R> handler) {
		if (records.size() > 1) {
			try {
				List<R> results = this.transactions.execute((status) -> {
					List<Message> messages = records.stream()
						.map((record) -> this.codec.decode(record.value()))
						.toList();
					handler.prepare(messages);
					List<R> handled = new ArrayList<>(messages.size());
					for (int i = 0; i < messages.size(); i++) {
						handleOne(consumer, messages.get(i), traceparentOf(records.get(i)), handler, handled);
					}
					return handled;
				});
				return new Batch<>(results, null);
			}
			catch (RuntimeException ex) {
				log.debug("A poll of {} records failed together ({}); handling them one at a time", records.size(),
						ex.getMessage());
			}
		}
		List<R> results = new ArrayList<>(records.size());
		for (ConsumerRecord<String, String> record : records) {
			try {
				this.transactions.executeWithoutResult((status) -> {
					Message message = this.codec.decode(record.value());
					handler.prepare(List.of(message));
					handleOne(consumer, message, traceparentOf(record), handler, results);
				});
			}
			catch (RuntimeException ex) {
				return new Batch<>(results, new BatchListenerFailedException(ex.getMessage(), ex, record));
			}
		}
		return new Batch<>(results, null);
	}

	private <R> void handleOne(String consumer, Message message, String traceparent, BatchHandler<R> handler,
			List<R> results) {
		within(message, traceparent, () -> {
			if (handler.once(message) && !this.inbox.firstDelivery(message.messageId(), consumer)) {
				log.debug("Skipping redelivered message {}", message.messageId());
				count(consumer, message, "duplicate");
				return;
			}
			R result = handler.handle(message);
			if (result != null) {
				results.add(result);
			}
			count(consumer, message, "handled");
		});
	}

	/**
	 * What a batch listener does with the messages of one poll, inside the transaction
	 * that handles them.
	 *
	 * @param <R> what handling a message yields, for work the listener does after the
	 * commit ({@code Void} and {@code null} for nothing)
	 */
	public interface BatchHandler<R> {

		/**
		 * Runs first, with every message about to be handled (redeliveries included): the
		 * place to lock rows in one global order.
		 * @param messages the messages, in poll order
		 */
		default void prepare(List<Message> messages) {
		}

		/**
		 * Whether a redelivered message id is skipped ({@code true}, the default) or the
		 * message is handled on every delivery (for handlers that answer each delivery).
		 * @param message the message
		 * @return whether to de-duplicate it
		 */
		default boolean once(Message message) {
			return true;
		}

		/**
		 * Handles one message.
		 * @param message the message
		 * @return a result for after the commit, or {@code null}
		 * @throws UnreadableMessageException if the message is not one this consumer
		 * reads
		 */
		R handle(Message message);

	}

	/**
	 * The outcome of a batch: the results of what committed, and the failure that ended
	 * it, if one did.
	 *
	 * @param <R> the result type
	 * @param results the committed messages' results, in poll order
	 * @param failure the record that failed on its own, for the error handler, or
	 * {@code null}
	 */
	public record Batch<R>(List<R> results, BatchListenerFailedException failure) {

		/**
		 * Hands the failure, if any, to the container's error handler.
		 * @throws BatchListenerFailedException naming the record that failed
		 */
		public void throwIfFailed() {
			if (this.failure != null) {
				throw this.failure;
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

	/**
	 * Handles a message in a consumer span whose parent is the context the record's
	 * {@code traceparent} header carries (that of the span that wrote it to the outbox),
	 * else the one in the message, with the order id on every log line.
	 */
	private void within(Message message, String traceparent, Runnable work) {
		this.traces.run("receive " + MessageCodec.typeOf(message), Span.Kind.CONSUMER,
				TraceContexts.isValid(traceparent) ? traceparent : message.traceparent(), () -> {
					try (LogContext context = LogContext.ofMessage(message.orderId(), message.traceparent())) {
						work.run();
					}
				});
	}

	private static String traceparentOf(ConsumerRecord<String, String> record) {
		Header header = record.headers().lastHeader("traceparent");
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
