package dev.shopflow.inventory.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.InventoryReply;
import dev.shopflow.common.messages.PricedLine;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockLine;
import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.common.messages.StockReserved;
import dev.shopflow.defaults.messaging.OutboxRelay;
import dev.shopflow.inventory.InventoryApplication;
import dev.shopflow.inventory.InventoryFixtures;
import dev.shopflow.inventory.InventoryFixtures.Stock;
import dev.shopflow.testsupport.Infrastructure;
import dev.shopflow.testsupport.Instances;
import dev.shopflow.testsupport.ShopflowIntegrationTest;
import dev.shopflow.testsupport.TestMessaging;
import dev.shopflow.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service against one database and one consumer group (the test's
 * application context and a second one started in the same JVM): stock is never oversold,
 * and a reply committed to the outbox survives the instance that committed it.
 */
@ShopflowIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIntegrationTests {

	private static final int PARTITIONS = 6;

	@Autowired
	private ApplicationContext first;

	@Autowired
	private JdbcClient jdbc;

	private ConfigurableApplicationContext second;

	private InventoryFixtures fixtures;

	private TestMessaging messaging;

	@BeforeAll
	void startSecondInstance() {
		this.fixtures = new InventoryFixtures(this.jdbc);
		this.messaging = new TestMessaging(Infrastructure.kafka().getBootstrapServers(), Topics.INVENTORY_REPLIES);
		this.second = startInstance();
	}

	@AfterAll
	void stopSecondInstance() {
		this.messaging.close();
		if (this.second != null) {
			this.second.close();
		}
	}

	@Test
	void neverOversellsUnderConcurrentReservationsOnTwoInstances() {
		awaitPartitionsSplitBetween(this.first, this.second);
		String sku = this.fixtures.product("HOT", 1999, 10);
		double handledByFirst = reservationsHandled(this.first);
		double handledBySecond = reservationsHandled(this.second);
		List<UUID> orders = Stream.generate(UUID::randomUUID).limit(200).toList();
		// sent from many threads at once, so that both instances' consumers race for the
		// sku
		orders.parallelStream()
			.forEach((order) -> this.messaging.send(Topics.INVENTORY_COMMANDS,
					ReserveStock.of(order, null, List.of(new StockLine(sku, 1)))));

		List<InventoryReply> replies = await().atMost(60, TimeUnit.SECONDS)
			.until(() -> firstReplies(orders), (list) -> list.size() == orders.size());

		assertThat(replies).filteredOn(StockReserved.class::isInstance)
			.hasSize(10)
			.allSatisfy((reply) -> assertThat(((StockReserved) reply).lines())
				.containsExactly(new PricedLine(sku, 1, 1999)));
		assertThat(replies).filteredOn(StockRejected.class::isInstance)
			.hasSize(190)
			.allSatisfy((reply) -> assertThat(((StockRejected) reply).reason()).isEqualTo(StockRejected.OUT_OF_STOCK))
			.allSatisfy((reply) -> assertThat(((StockRejected) reply).sku()).isEqualTo(sku));
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(0, 10, 0));
		this.fixtures.assertStockConserved();
		assertThat(reservationsHandled(this.first)).as("handled by the first instance").isGreaterThan(handledByFirst);
		assertThat(reservationsHandled(this.second)).as("handled by the second instance")
			.isGreaterThan(handledBySecond);
	}

	/**
	 * Simulates a crash between the commit of a reservation and the publication of its
	 * reply: the instance that handles the command has its relay stopped, commits, and is
	 * shut down; a freshly started instance then publishes the waiting reply.
	 */
	@Test
	void publishesTheReplyOfAReservationCommittedBeforeACrash() {
		String sku = this.fixtures.product("CRASH", 700, 5);
		UUID order = UUID.randomUUID();
		KafkaListenerEndpointRegistry firstListeners = this.first.getBean(KafkaListenerEndpointRegistry.class);
		OutboxRelay firstRelay = this.first.getBean(OutboxRelay.class);
		firstRelay.stop();
		firstListeners.stop();
		try {
			this.second.getBean(OutboxRelay.class).stop();
			Instances.awaitAssigned(this.second.getBean(KafkaListenerEndpointRegistry.class), PARTITIONS);

			this.messaging.send(Topics.INVENTORY_COMMANDS,
					ReserveStock.of(order, null, List.of(new StockLine(sku, 2))));
			await().atMost(30, TimeUnit.SECONDS).until(() -> "RESERVED".equals(this.fixtures.reservationStatus(order)));

			assertThat(this.fixtures.pendingOutbox(order)).isEqualTo(1);
			assertThat(this.messaging.received(order)).isEmpty();
			this.second.close();
			this.second = startInstance();

			StockReserved reply = this.messaging.awaitMessage(StockReserved.class, order);
			assertThat(reply.lines()).containsExactly(new PricedLine(sku, 2, 700));
			assertThat(reply.currency()).isEqualTo("EUR");
			await().atMost(10, TimeUnit.SECONDS).until(() -> this.fixtures.pendingOutbox(order) == 0);
			assertThat(this.messaging.received(order)).hasSize(1);
			assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(3, 2, 0));
		}
		finally {
			firstListeners.start();
			firstRelay.start();
		}
	}

	private List<InventoryReply> firstReplies(List<UUID> orders) {
		List<InventoryReply> replies = new ArrayList<>();
		for (UUID order : orders) {
			List<InventoryReply> received = this.messaging.received(InventoryReply.class, order);
			if (!received.isEmpty()) {
				replies.add(received.get(0));
			}
		}
		return replies;
	}

	private static double reservationsHandled(ApplicationContext instance) {
		return instance.getBean(MeterRegistry.class)
			.find("shopflow.messages.received")
			.tag("type", ReserveStock.TYPE)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private static void awaitPartitionsSplitBetween(ApplicationContext one, ApplicationContext other) {
		await().atMost(60, TimeUnit.SECONDS)
			.until(() -> Instances.assigned(one) > 0 && Instances.assigned(other) > 0
					&& Instances.assigned(one) + Instances.assigned(other) == PARTITIONS);
	}

	private static ConfigurableApplicationContext startInstance() {
		return Instances.start(List.of(InventoryApplication.class, TestTokens.Decoder.class));
	}

}
