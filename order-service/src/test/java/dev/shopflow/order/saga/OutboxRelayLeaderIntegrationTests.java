package dev.shopflow.order.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.shopflow.defaults.messaging.MessagingProperties;
import dev.shopflow.defaults.messaging.OutboxRelay;
import dev.shopflow.order.OrderServiceTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay leader that freezes inside its round (SIGSTOP, a network partition: from the
 * database's side its session just goes quiet while it holds the relay lock) must not
 * stop the service's outbox for longer than a few seconds (issue 15.4). The frozen leader
 * here is a second relay whose Kafka send never returns; the service's own relay must
 * then take over and publish. Before the relay bounded its own idle time, the frozen
 * leader's lock held until the server-wide 15 s idle timeout (and, before that existed,
 * for ever).
 */
@OrderServiceTest
class OutboxRelayLeaderIntegrationTests {

	/** The relay's 5 s send timeout plus 1 s, and a few seconds of slack for the poll. */
	private static final Duration TAKE_OVER_WITHIN = Duration.ofSeconds(10);

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private ProducerFactory<String, String> producers;

	@Autowired
	private MessagingProperties messaging;

	/** The frozen leader's thread of its own, not one of the common pool. */
	private final ExecutorService frozenThread = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopThread() {
		this.frozenThread.shutdownNow();
	}

	@Test
	void anotherRelayPublishesWithinSecondsWhileTheLeaderIsFrozen() throws Exception {
		String topic = "relay-leader-" + UUID.randomUUID();
		FrozenKafka frozenKafka = new FrozenKafka(this.producers);
		OutboxRelay frozen = new OutboxRelay(this.jdbc, new TransactionTemplate(this.transactionManager), frozenKafka,
				this.messaging, new SimpleMeterRegistry());
		CompletableFuture<Integer> frozenRound;
		this.relay.stop();
		try {
			addToOutbox(topic, "before the freeze");
			frozenRound = CompletableFuture.supplyAsync(frozen::relayOnce, this.frozenThread);
			assertThat(frozenKafka.entered.await(10, TimeUnit.SECONDS)).as("the frozen relay took the lead").isTrue();
		}
		finally {
			this.relay.start();
		}
		try {
			Instant frozenAt = Instant.now();
			addToOutbox(topic, "during the freeze");

			await().atMost(TAKE_OVER_WITHIN).until(() -> waiting(topic) == 0);
			assertThat(Duration.between(frozenAt, Instant.now())).isLessThan(TAKE_OVER_WITHIN);
		}
		finally {
			frozenKafka.thaw.countDown();
		}
		// thawed, the old leader's round fails: the server ended its session
		assertThat(frozenRound).failsWithin(Duration.ofSeconds(10));
	}

	private void addToOutbox(String topic, String payload) {
		this.jdbc.sql("INSERT INTO outbox (topic, message_key, message_type, payload) VALUES (?, 'key', 'Probe', ?)")
			.params(topic, payload)
			.update();
		this.relay.wakeUp();
	}

	private long waiting(String topic) {
		return this.jdbc.sql("SELECT count(*) FROM outbox WHERE topic = ?").param(topic).query(Long.class).single();
	}

	/** A producer whose send blocks, as in a process stopped in the middle of it. */
	private static final class FrozenKafka extends KafkaTemplate<String, String> {

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch thaw = new CountDownLatch(1);

		FrozenKafka(ProducerFactory<String, String> producers) {
			super(producers);
		}

		@Override
		public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
			this.entered.countDown();
			try {
				this.thaw.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return CompletableFuture.failedFuture(new IllegalStateException("frozen"));
		}

	}

}
