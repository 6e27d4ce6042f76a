package dev.shopflow.defaults.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.shopflow.defaults.background.BackgroundTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka, oldest first, and deletes what the broker acknowledged.
 *
 * <p>
 * Hand-written rather than taken from a library: Spring Modulith's event publication
 * registry republishes incomplete events from every instance in no particular order,
 * while the saga needs per-order ordering with two instances of a service running. Here a
 * transaction-scoped PostgreSQL advisory lock makes one relay at a time the publisher, so
 * rows leave in id order; a crash after the send and before the delete re-sends the
 * batch, which consumers de-duplicate (at-least-once, never lost). Runs as a
 * {@link BackgroundTask}: woken up by each commit that added messages, polling every
 * {@code relay-poll-interval} for the other instances', a failed round retried after a
 * back-off.
 */
public class OutboxRelay extends BackgroundTask {

	static final String PAYLOAD_TYPE_HEADER = "shopflow-type";

	/** Any constant works: advisory locks are scoped to the service's own database. */
	private static final long ADVISORY_LOCK_KEY = 0x5348_4f50_464c_4f57L;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, String> kafka;

	private final MessagingProperties properties;

	private final String lockTimeout;

	private final AtomicLong lagMillis = new AtomicLong();

	private final Counter published;

	private final DistributionSummary batchSizes;

	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			MessagingProperties properties, MeterRegistry meters) {
		super("outbox-relay", properties.relayPollInterval(), meters);
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.properties = properties;
		this.lockTimeout = properties.relaySendTimeout().plusSeconds(1).toMillis() + "ms";
		this.published = Counter.builder("shopflow.outbox.published")
			.description("Messages published from the outbox")
			.register(meters);
		this.batchSizes = DistributionSummary.builder("shopflow.outbox.batch.size")
			.description("Messages per relay round trip")
			.register(meters);
		Gauge.builder("shopflow.outbox.lag", this.lagMillis, (value) -> value.get() / 1000.0)
			.description("Age in seconds of the oldest message the relay last found waiting in the outbox")
			.baseUnit("seconds")
			.register(meters);
	}

	/**
	 * Publishes one batch if this instance holds the relay lock.
	 * @return how many messages were published
	 */
	public int relayOnce() {
		Integer count = this.transactions.execute((status) -> {
			Boolean leader = this.jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
				.param(ADVISORY_LOCK_KEY)
				.query(Boolean.class)
				.single();
			if (!Boolean.TRUE.equals(leader)) {
				return 0;
			}
			// a leader frozen or cut off inside this transaction (SIGSTOP, a partition)
			// would hold the lock until the server noticed: the server ends this
			// session once it sits idle longer than the send can take, so another
			// instance takes over within seconds (OutboxRelayLeaderIntegrationTests)
			this.jdbc.sql("SELECT set_config('idle_in_transaction_session_timeout', ?, true)")
				.param(this.lockTimeout)
				.query(String.class)
				.single();
			List<Row> rows = this.jdbc
				.sql("SELECT id, topic, message_key, message_type, payload, traceparent, created_at"
						+ " FROM outbox ORDER BY id LIMIT ?")
				.param(this.properties.relayBatchSize())
				.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()))
				.list();
			this.lagMillis
				.set(rows.isEmpty() ? 0 : Duration.between(rows.get(0).createdAt(), Instant.now()).toMillis());
			if (rows.isEmpty()) {
				return 0;
			}
			send(rows);
			// by id, never by range: a transaction that took a lower id may commit later
			this.jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)")
				.param("ids", rows.stream().map(Row::id).toList())
				.update();
			return rows.size();
		});
		int sent = (count != null) ? count : 0;
		if (sent > 0) {
			this.published.increment(sent);
			this.batchSizes.record(sent);
		}
		return sent;
	}

	private void send(List<Row> rows) {
		List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
		for (Row row : rows) {
			ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
			record.headers().add(new RecordHeader(PAYLOAD_TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8)));
			if (row.traceparent() != null) {
				record.headers()
					.add(new RecordHeader("traceparent", row.traceparent().getBytes(StandardCharsets.UTF_8)));
			}
			acks.add(this.kafka.send(record));
		}
		try {
			CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
				.get(this.properties.relaySendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing the outbox", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka did not acknowledge the outbox batch", ex);
		}
	}

	/**
	 * Publishes a batch; another follows at once if it was full. Woken up by every commit
	 * that added messages, and every poll interval (for the other instances' commits).
	 */
	@Override
	protected boolean runOnce() {
		return relayOnce() >= this.properties.relayBatchSize();
	}

	/** Stops before the Kafka producer and the connection pool do. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

	private record Row(long id, String topic, String key, String type, String payload, String traceparent,
			Instant createdAt) {
	}

}
