package dev.shopflow.inventory.reservation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.InventoryReply;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.PricedLine;
import dev.shopflow.common.messages.ReleaseStock;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockCommitted;
import dev.shopflow.common.messages.StockLine;
import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.common.messages.StockReleased;
import dev.shopflow.common.messages.StockReserved;
import dev.shopflow.defaults.messaging.MessageReceiver;
import dev.shopflow.defaults.messaging.MessageReceiver.BatchHandler;
import dev.shopflow.inventory.InventoryFixtures;
import dev.shopflow.inventory.InventoryFixtures.Stock;
import dev.shopflow.testsupport.Infrastructure;
import dev.shopflow.testsupport.ShopflowIntegrationTest;
import dev.shopflow.testsupport.TestMessaging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Polls of inventory commands handled in one transaction each: duplicated and redelivered
 * commands, several commands of one order and many orders of one sku in one poll,
 * concurrent polls over overlapping skus, and a failing record among good ones. Most
 * tests hand the listener the records a poll would carry; replies are read from the real
 * broker.
 */
@ShopflowIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandBatchIntegrationTests {

	private static final String DEAD_LETTERS = Topics.deadLetter(Topics.INVENTORY_COMMANDS);

	private final MessageCodec codec = new MessageCodec();

	private final AtomicLong offsets = new AtomicLong();

	@Autowired
	private InventoryCommandListener listener;

	@Autowired
	private InventoryCommands commands;

	@Autowired
	private MessageReceiver receiver;

	@Autowired
	private JdbcClient jdbc;

	private InventoryFixtures fixtures;

	private TestMessaging messaging;

	@BeforeAll
	void watchReplies() {
		this.fixtures = new InventoryFixtures(this.jdbc);
		this.messaging = new TestMessaging(Infrastructure.kafka().getBootstrapServers(), Topics.INVENTORY_REPLIES,
				DEAD_LETTERS);
	}

	@AfterAll
	void stopWatching() {
		this.messaging.close();
	}

	@AfterEach
	void everyUnitIsAccountedFor() {
		this.fixtures.assertStockConserved();
	}

	@Test
	void answersDuplicatedAndRedeliveredReservationsWithTheStoredOutcomeAndSkipsDuplicatedReleases() {
		String sku = this.fixtures.product("BATCH", 500, 10);
		UUID order = UUID.randomUUID();
		ConsumerRecord<String, String> reserve = record(0,
				ReserveStock.of(order, null, List.of(new StockLine(sku, 3))));
		ConsumerRecord<String, String> release = record(0, ReleaseStock.of(order, null));

		// the same message id twice in one poll
		this.listener.onCommands(List.of(reserve, reserve));
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(7, 3, 0));
		// the reservation redelivered after its poll committed, and a release twice
		this.listener.onCommands(List.of(reserve, release, release));
		// a new release, answered last: once it is published, every earlier reply is
		this.listener.onCommands(List.of(record(0, ReleaseStock.of(order, null))));

		List<StockReleased> releases = await().atMost(30, TimeUnit.SECONDS)
			.until(() -> this.messaging.received(StockReleased.class, order), (list) -> list.size() >= 2);
		assertThat(releases).extracting(StockReleased::released).containsExactly(true, false);
		assertThat(this.messaging.received(StockReserved.class, order)).hasSize(3)
			.allSatisfy((answer) -> assertThat(answer.lines()).containsExactly(new PricedLine(sku, 3, 500)));
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(10, 0, 0));
		assertThat(this.fixtures.reservationStatus(order)).isEqualTo("RELEASED");
	}

	@Test
	void handlesSeveralCommandsOfOneOrderAndManyOrdersOfOneSkuInOnePoll() {
		String scarce = this.fixtures.product("SCARCE", 100, 3);
		String plenty = this.fixtures.product("PLENTY", 200, 10);
		String ghost = InventoryFixtures.freshSku("GHOST");
		List<UUID> rush = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				UUID.randomUUID());
		UUID unknown = UUID.randomUUID();
		UUID changedMind = UUID.randomUUID();
		UUID repeated = UUID.randomUUID();
		List<ConsumerRecord<String, String>> poll = new ArrayList<>();
		rush.forEach((order) -> poll.add(record(0, ReserveStock.of(order, null, List.of(new StockLine(scarce, 1))))));
		poll.add(record(0, ReserveStock.of(unknown, null, List.of(new StockLine(plenty, 1), new StockLine(ghost, 1)))));
		poll.add(record(0, ReserveStock.of(changedMind, null, List.of(new StockLine(plenty, 2)))));
		poll.add(record(0, ReleaseStock.of(changedMind, null)));
		// the same command sent twice (two message ids): the second is answered, not
		// reserved
		poll.add(record(0, ReserveStock.of(repeated, null, List.of(new StockLine(plenty, 1)))));
		poll.add(record(0, ReserveStock.of(repeated, null, List.of(new StockLine(plenty, 1)))));
		poll.add(record(0, CommitStock.of(rush.get(0), null)));

		this.listener.onCommands(poll);

		List<InventoryReply> first = rush.stream()
			.map((order) -> (InventoryReply) this.messaging.awaitMessage(InventoryReply.class, order))
			.toList();
		assertThat(first).filteredOn(StockReserved.class::isInstance).hasSize(3);
		assertThat(first).filteredOn(StockRejected.class::isInstance)
			.hasSize(2)
			.allSatisfy((reply) -> assertThat(((StockRejected) reply).reason()).isEqualTo(StockRejected.OUT_OF_STOCK));
		assertThat(this.messaging.awaitMessage(StockCommitted.class, rush.get(0))).isNotNull();
		StockRejected rejected = this.messaging.awaitMessage(StockRejected.class, unknown);
		assertThat(rejected.reason()).isEqualTo(StockRejected.UNKNOWN_SKU);
		assertThat(rejected.sku()).isEqualTo(ghost);
		assertThat(this.messaging.awaitMessage(StockReserved.class, changedMind).lines())
			.containsExactly(new PricedLine(plenty, 2, 200));
		assertThat(this.messaging.awaitMessage(StockReleased.class, changedMind).released()).isTrue();
		assertThat(await().atMost(30, TimeUnit.SECONDS)
			.until(() -> this.messaging.received(StockReserved.class, repeated), (list) -> list.size() >= 2)).hasSize(2)
			.allSatisfy((answer) -> assertThat(answer.lines()).containsExactly(new PricedLine(plenty, 1, 200)));
		assertThat(this.fixtures.stock(scarce)).isEqualTo(new Stock(0, 2, 1));
		assertThat(this.fixtures.stock(plenty)).isEqualTo(new Stock(9, 1, 0));
		assertThat(this.fixtures.reservationStatus(changedMind)).isEqualTo("RELEASED");
	}

	/**
	 * Two consumers' polls at once, naming the same few skus in opposite orders (and two
	 * orders in both): without one lock order they would deadlock; a deadlock would roll
	 * a poll back and have it handled again record by record, which the counting handler
	 * sees.
	 */
	@Test
	void concurrentPollsOverlappingInOppositeOrdersNeitherDeadlockNorOversell() throws Exception {
		List<String> skus = List.of(this.fixtures.product("RACE", 100, 25), this.fixtures.product("RACE", 100, 25),
				this.fixtures.product("RACE", 100, 25), this.fixtures.product("RACE", 100, 25));
		List<UUID> shared = List.of(UUID.randomUUID(), UUID.randomUUID());
		List<List<ConsumerRecord<String, String>>> forward = polls(0, skus, shared);
		List<List<ConsumerRecord<String, String>>> backward = polls(1, skus.reversed(), shared.reversed());
		CountingHandler counting = new CountingHandler(this.commands);
		CyclicBarrier start = new CyclicBarrier(2);

		try (ExecutorService consumers = Executors.newFixedThreadPool(2)) {
			CompletableFuture<Void> one = CompletableFuture.runAsync(() -> consume(forward, counting, start),
					consumers);
			CompletableFuture<Void> other = CompletableFuture.runAsync(() -> consume(backward, counting, start),
					consumers);
			CompletableFuture.allOf(one, other).get(2, TimeUnit.MINUTES);
		}

		assertThat(counting.prepared).as("transactions that locked a poll (one per poll: none rolled back)")
			.hasValue(forward.size() + backward.size());
		List<UUID> orders = Stream.concat(forward.stream(), backward.stream())
			.flatMap(List::stream)
			.map(this::orderOf)
			.distinct()
			.toList();
		List<InventoryReply> replies = await().atMost(60, TimeUnit.SECONDS)
			.until(() -> orders.stream().map(this::replies).flatMap(List::stream).toList(),
					(list) -> list.size() == orders.size());
		Map<String, Long> reserved = new HashMap<>();
		replies.stream()
			.filter(StockReserved.class::isInstance)
			.flatMap((reply) -> ((StockReserved) reply).lines().stream())
			.forEach((line) -> reserved.merge(line.sku(), (long) line.quantity(), Long::sum));
		// each sku is asked for far more than it has: every unit is reserved, none twice
		for (String sku : skus) {
			assertThat(reserved.get(sku)).as("units of %s the replies granted", sku).isEqualTo(25);
			assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(0, 25, 0));
		}
		assertThat(replies).filteredOn(StockRejected.class::isInstance)
			.isNotEmpty()
			.allSatisfy((reply) -> assertThat(((StockRejected) reply).reason()).isEqualTo(StockRejected.OUT_OF_STOCK));
		for (UUID order : shared) {
			List<InventoryReply> answers = await().atMost(30, TimeUnit.SECONDS)
				.until(() -> this.messaging.received(InventoryReply.class, order), (list) -> list.size() >= 2);
			assertThat(answers).hasSize(2);
			assertThat(outcome(answers.get(1))).isEqualTo(outcome(answers.get(0)));
		}
	}

	@Test
	void aFailingRecordCostsOnlyItselfTheOnesBeforeItCommitAndTheOnesAfterItAreLeftForRedelivery() {
		String sku = this.fixtures.product("POISON", 100, 5);
		UUID before = UUID.randomUUID();
		UUID poisoned = UUID.randomUUID();
		UUID after = UUID.randomUUID();
		ConsumerRecord<String, String> poison = record(0,
				ReserveStock.of(poisoned, null, List.of(new StockLine(sku, 1), new StockLine(sku, 1))));
		ConsumerRecord<String, String> next = record(0, ReserveStock.of(after, null, List.of(new StockLine(sku, 2))));

		BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
				() -> this.listener.onCommands(List
					.of(record(0, ReserveStock.of(before, null, List.of(new StockLine(sku, 1)))), poison, next)));

		assertThat(failure.getRecord()).isSameAs(poison);
		assertThat(failure).hasRootCauseInstanceOf(InvalidCommandException.class);
		assertThat(this.fixtures.reservationStatus(before)).isEqualTo("RESERVED");
		assertThat(this.fixtures.reservationStatus(poisoned)).isNull();
		assertThat(this.fixtures.reservationStatus(after)).isNull();
		assertThat(this.messaging.awaitMessage(StockReserved.class, before).lines())
			.containsExactly(new PricedLine(sku, 1, 100));
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(4, 1, 0));

		this.listener.onCommands(List.of(next));
		assertThat(this.messaging.awaitMessage(StockReserved.class, after).lines())
			.containsExactly(new PricedLine(sku, 2, 100));
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(2, 3, 0));
	}

	@Test
	void deadLettersOnlyTheUnreadableRecordAmongItsNeighboursOverTheBroker() {
		String sku = this.fixtures.product("NEIGHBOUR", 100, 5);
		UUID before = UUID.randomUUID();
		UUID after = UUID.randomUUID();
		// one key for all three: one partition, so they come in this order, likely in one
		// poll
		String key = before.toString();
		String unreadable = "{ not an inventory command " + key;

		this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, key,
				this.codec.encode(ReserveStock.of(before, null, List.of(new StockLine(sku, 1)))));
		this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, key, unreadable);
		this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, key,
				this.codec.encode(ReserveStock.of(after, null, List.of(new StockLine(sku, 2)))));

		assertThat(this.messaging.awaitMessage(StockReserved.class, before).lines())
			.containsExactly(new PricedLine(sku, 1, 100));
		assertThat(this.messaging.awaitMessage(StockReserved.class, after).lines())
			.containsExactly(new PricedLine(sku, 2, 100));
		// dead-lettered before the record after it was handled
		assertThat(await().atMost(30, TimeUnit.SECONDS)
			.until(() -> this.messaging.records(DEAD_LETTERS, (record) -> key.equals(record.key())),
					(list) -> !list.isEmpty()))
			.extracting(ConsumerRecord::value)
			.containsExactly(unreadable);
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(2, 3, 0));
	}

	/**
	 * Three polls of 40 orders, each for one unit of one sku (every fifth for one unit of
	 * two skus), cycling through the skus in the given order; the first poll starts and
	 * ends with the shared orders.
	 */
	private List<List<ConsumerRecord<String, String>>> polls(int partition, List<String> skus, List<UUID> shared) {
		List<List<ConsumerRecord<String, String>>> polls = new ArrayList<>();
		for (int p = 0; p < 3; p++) {
			List<ConsumerRecord<String, String>> poll = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				List<StockLine> lines = (i % 5 == 4)
						? List.of(new StockLine(skus.get(i % 4), 1), new StockLine(skus.get((i + 1) % 4), 1))
						: List.of(new StockLine(skus.get(i % 4), 1));
				poll.add(record(partition, ReserveStock.of(UUID.randomUUID(), null, lines)));
			}
			polls.add(poll);
		}
		List<StockLine> sharedLines = List.of(new StockLine(skus.get(0), 1));
		polls.get(0).addFirst(record(partition, ReserveStock.of(shared.get(0), null, sharedLines)));
		polls.get(0).addLast(record(partition, ReserveStock.of(shared.get(1), null, sharedLines)));
		return polls;
	}

	private void consume(List<List<ConsumerRecord<String, String>>> polls, BatchHandler<Void> handler,
			CyclicBarrier start) {
		try {
			start.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		for (List<ConsumerRecord<String, String>> poll : polls) {
			this.receiver.receiveBatch(InventoryCommandListener.CONSUMER, poll, handler).throwIfFailed();
		}
	}

	private List<InventoryReply> replies(UUID order) {
		List<InventoryReply> received = this.messaging.received(InventoryReply.class, order);
		return received.isEmpty() ? List.of() : List.of(received.get(0));
	}

	private static String outcome(InventoryReply reply) {
		return switch (reply) {
			case StockReserved reserved -> "reserved " + reserved.lines();
			case StockRejected rejected -> "rejected " + rejected.reason() + " " + rejected.sku();
			default -> reply.getClass().getSimpleName();
		};
	}

	private UUID orderOf(ConsumerRecord<String, String> record) {
		return UUID.fromString(record.key());
	}

	private ConsumerRecord<String, String> record(int partition, Message message) {
		return new ConsumerRecord<>(Topics.INVENTORY_COMMANDS, partition, this.offsets.incrementAndGet(),
				message.orderId().toString(), this.codec.encode(message));
	}

	/** The listener's handler, counting the transactions that lock a poll. */
	private static final class CountingHandler implements BatchHandler<Void> {

		private final BatchHandler<Void> delegate;

		private final AtomicInteger prepared = new AtomicInteger();

		CountingHandler(BatchHandler<Void> delegate) {
			this.delegate = delegate;
		}

		@Override
		public void prepare(List<Message> messages) {
			this.prepared.incrementAndGet();
			this.delegate.prepare(messages);
		}

		@Override
		public boolean once(Message message) {
			return this.delegate.once(message);
		}

		@Override
		public Void handle(Message message) {
			return this.delegate.handle(message);
		}

	}

}
