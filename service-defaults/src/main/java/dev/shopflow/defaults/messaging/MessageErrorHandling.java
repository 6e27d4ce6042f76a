package dev.shopflow.defaults.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import dev.shopflow.common.PermanentMessageException;
import dev.shopflow.common.Topics;
import dev.shopflow.common.UnreadableMessageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExceptionMatcher;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What the listeners do with a message that fails. Three kinds of failure:
 * <ul>
 * <li><b>transient</b> (the database or the broker unavailable, a connection lost, a
 * timeout, a serialization conflict): retried for as long as it takes, with a back-off
 * doubling up to {@code retry-max-interval}, the container paused meanwhile (not
 * spinning, and within {@code max.poll.interval.ms}). Never dead-lettered: a saga message
 * given up during an outage would be lost for good (a refund never made, stock never
 * released).</li>
 * <li><b>poison</b> ({@link PermanentMessageException}: unreadable or permanently
 * invalid): dead-lettered to {@code <topic>.dlt} at once.</li>
 * <li><b>anything else</b> (a bug): retried {@code retry-attempts} times, then
 * dead-lettered, so that one bad message does not stop its partition for good.</li>
 * </ul>
 * Every dead letter is logged at ERROR and counted
 * ({@code shopflow.messages.dead.lettered{topic,reason}}); every failed delivery is
 * counted ({@code shopflow.messages.failed{topic,kind}}).
 */
final class MessageErrorHandling {

	private static final Logger log = LoggerFactory.getLogger(MessageErrorHandling.class);

	/**
	 * Failures of the infrastructure, matched on any cause (and subclasses).
	 */
	private static final ExceptionMatcher TRANSIENT = ExceptionMatcher.forAllowList()
		.addAll(List.of(TransientDataAccessException.class, RecoverableDataAccessException.class,
				DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
				TransactionSystemException.class, SQLTransientException.class, SQLRecoverableException.class,
				RetriableException.class, IOException.class, UncheckedIOException.class, TimeoutException.class))
		.traverseCauses(true)
		.build();

	/**
	 * Failures of the message itself, matched on any cause.
	 */
	private static final ExceptionMatcher POISON = ExceptionMatcher.forAllowList()
		.addAll(List.of(PermanentMessageException.class, DeserializationException.class))
		.traverseCauses(true)
		.build();

	private static final ExceptionMatcher UNREADABLE = ExceptionMatcher.forAllowList()
		.add(UnreadableMessageException.class)
		.traverseCauses(true)
		.build();

	private MessageErrorHandling() {
	}

	static Counter deadLettered(MeterRegistry meters, String topic, String reason) {
		return meters.counter("shopflow.messages.dead.lettered", "topic", topic, "reason", reason);
	}

	static DefaultErrorHandler errorHandler(KafkaTemplate<String, String> kafka, MessagingProperties properties,
			MeterRegistry meters, ListenerContainerRegistry registry, TaskScheduler scheduler) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
		ExponentialBackOffWithMaxRetries bounded = new ExponentialBackOffWithMaxRetries(properties.retryAttempts());
		bounded.setInitialInterval(properties.retryInterval().toMillis());
		bounded.setMultiplier(2.0);
		bounded.setMaxInterval(properties.retryMaxInterval().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			String reason = UNREADABLE.match(ex) ? "unreadable" : isPoison(ex) ? "permanent" : "failed";
			log.error("Dead-lettering {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(), reason,
					rootMessage(ex));
			deadLettered(meters, record.topic(), reason).increment();
			deadLetters.accept(record, ex);
		}, bounded, new ContainerPausingBackOffHandler(new ListenerContainerPauseService(registry, scheduler)));
		handler.addNotRetryableExceptions(PermanentMessageException.class, DeserializationException.class);
		BackOff forever = foreverBackOff(properties);
		// null: the default (bounded) back-off
		handler.setBackOffFunction((record, ex) -> isTransient(ex) ? forever : null);
		handler.setRetryListeners(new RetryListener() {
			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
				String kind = isTransient(ex) ? "transient" : isPoison(ex) ? "permanent" : "failed";
				meters.counter("shopflow.messages.failed", "topic", record.topic(), "kind", kind).increment();
				log.warn("Delivery {} of {}-{}@{} failed ({}), retrying: {}", deliveryAttempt, record.topic(),
						record.partition(), record.offset(), kind, rootMessage(ex));
			}
		});
		return handler;
	}

	static BackOff foreverBackOff(MessagingProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInterval().toMillis(), 2.0);
		backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		return backOff;
	}

	/**
	 * Whether a failure is the infrastructure's, not the message's: it goes away by
	 * itself. Anywhere in the cause chain: a poison cause wins, then a transient type or
	 * a transient SQL state.
	 * @param ex the failure
	 * @return {@code true} for a transient failure
	 */
	static boolean isTransient(Throwable ex) {
		return !POISON.match(ex) && (TRANSIENT.match(ex) || hasTransientSqlState(ex));
	}

	static boolean isPoison(Throwable ex) {
		return POISON.match(ex);
	}

	// The JDBC driver reports an unavailable server as a plain SQLException with a state
	// (PSQLException), which no exception type captures: only this check is written here.
	private static boolean hasTransientSqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && isTransientState(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	// 08: connection exception; 53: insufficient resources; 57P: operator intervention
	// (admin shutdown, database not accepting connections); 40: rollback (serialization,
	// deadlock)
	private static boolean isTransientState(String state) {
		return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.startsWith("40");
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
