package dev.shopflow.inventory.reservation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.PricedLine;
import dev.shopflow.common.messages.ReleaseStock;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockCommitted;
import dev.shopflow.common.messages.StockLine;
import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.common.messages.StockReleased;
import dev.shopflow.common.messages.StockReserved;
import dev.shopflow.inventory.InventoryFixtures;
import dev.shopflow.inventory.InventoryFixtures.Stock;
import dev.shopflow.testsupport.Infrastructure;
import dev.shopflow.testsupport.ShopflowIntegrationTest;
import dev.shopflow.testsupport.TestMessaging;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga participant over the real broker and database, one instance: reservations
 * all-or-nothing, idempotent answers, releases (also before the reservation), commits,
 * and dead-lettering that never blocks a partition.
 */
@ShopflowIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockReservationIntegrationTests {

	private static final String DEAD_LETTERS = Topics.deadLetter(Topics.INVENTORY_COMMANDS);

	private final MessageCodec codec = new MessageCodec();

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

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
	void reservesEveryLineWithCataloguePrices() {
		String mug = this.fixtures.product("MUG", 1299, 10);
		String tea = this.fixtures.product("TEA", 450, 5);
		UUID order = UUID.randomUUID();

		this.messaging.send(Topics.INVENTORY_COMMANDS,
				ReserveStock.of(order, null, List.of(new StockLine(mug, 2), new StockLine(tea, 5))));

		StockReserved reserved = this.messaging.awaitMessage(StockReserved.class, order);
		assertThat(reserved.lines()).containsExactly(new PricedLine(mug, 2, 1299), new PricedLine(tea, 5, 450));
		assertThat(reserved.currency()).isEqualTo("EUR");
		assertThat(this.fixtures.stock(mug)).isEqualTo(new Stock(8, 2, 0));
		assertThat(this.fixtures.stock(tea)).isEqualTo(new Stock(0, 5, 0));
	}

	@Test
	void reservesOnceAndAnswersEveryDeliveryIdentically() {
		String sku = this.fixtures.product("ONCE", 999, 10);
		UUID order = UUID.randomUUID();
		String command = this.codec.encode(ReserveStock.of(order, null, List.of(new StockLine(sku, 3))));

		for (int i = 0; i < 5; i++) {
			this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, order.toString(), command);
		}

		List<StockReserved> answers = await().atMost(30, TimeUnit.SECONDS)
			.until(() -> this.messaging.received(StockReserved.class, order), (list) -> list.size() >= 5);
		assertThat(answers).hasSize(5)
			.allSatisfy((answer) -> assertThat(answer.lines()).containsExactly(new PricedLine(sku, 3, 999)))
			.allSatisfy((answer) -> assertThat(answer.currency()).isEqualTo("EUR"));
		assertThat(this.messaging.received(StockRejected.class, order)).isEmpty();
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(7, 3, 0));
	}

	@Test
	void reservesNothingWhenOneLineIsShort() {
		String plenty = this.fixtures.product("PLENTY", 100, 50);
		String scarce = this.fixtures.product("SCARCE", 100, 1);
		UUID order = UUID.randomUUID();

		this.messaging.send(Topics.INVENTORY_COMMANDS,
				ReserveStock.of(order, null, List.of(new StockLine(plenty, 5), new StockLine(scarce, 2))));

		StockRejected rejected = this.messaging.awaitMessage(StockRejected.class, order);
		assertThat(rejected.reason()).isEqualTo(StockRejected.OUT_OF_STOCK);
		assertThat(rejected.sku()).isEqualTo(scarce);
		assertThat(this.fixtures.stock(plenty)).isEqualTo(new Stock(50, 0, 0));
		assertThat(this.fixtures.stock(scarce)).isEqualTo(new Stock(1, 0, 0));
		assertThat(this.messaging.received(StockReserved.class, order)).isEmpty();
	}

	@Test
	void rejectsUnknownSkuAndRepeatsTheRejection() {
		String known = this.fixtures.product("KNOWN", 100, 5);
		String unknown = InventoryFixtures.freshSku("GHOST");
		UUID order = UUID.randomUUID();
		String command = this.codec
			.encode(ReserveStock.of(order, null, List.of(new StockLine(known, 1), new StockLine(unknown, 1))));

		this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, order.toString(), command);
		this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, order.toString(), command);

		List<StockRejected> answers = await().atMost(30, TimeUnit.SECONDS)
			.until(() -> this.messaging.received(StockRejected.class, order), (list) -> list.size() >= 2);
		assertThat(answers).extracting(StockRejected::reason, StockRejected::sku)
			.containsOnly(org.assertj.core.groups.Tuple.tuple(StockRejected.UNKNOWN_SKU, unknown));
		assertThat(this.fixtures.stock(known)).isEqualTo(new Stock(5, 0, 0));
	}

	@Test
	void releasesReservedStockOnceAndIgnoresRedeliveredRelease() {
		String sku = this.fixtures.product("REL", 100, 4);
		UUID order = UUID.randomUUID();
		this.messaging.send(Topics.INVENTORY_COMMANDS, ReserveStock.of(order, null, List.of(new StockLine(sku, 4))));
		this.messaging.awaitMessage(StockReserved.class, order);
		String release = this.codec.encode(ReleaseStock.of(order, null));

		this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, order.toString(), release);
		this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, order.toString(), release);
		this.messaging.send(Topics.INVENTORY_COMMANDS, ReleaseStock.of(order, null));

		List<StockReleased> answers = await().atMost(30, TimeUnit.SECONDS)
			.until(() -> this.messaging.received(StockReleased.class, order), (list) -> list.size() >= 2);
		assertThat(answers).extracting(StockReleased::released).containsExactly(true, false);
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(4, 0, 0));
		assertThat(this.fixtures.reservationStatus(order)).isEqualTo("RELEASED");
	}

	@Test
	void commitsReservedStockAndGivesSoldUnitsBackOnCancellation() {
		String sku = this.fixtures.product("SOLD", 250, 6);
		UUID order = UUID.randomUUID();
		this.messaging.send(Topics.INVENTORY_COMMANDS, ReserveStock.of(order, null, List.of(new StockLine(sku, 3))));
		this.messaging.awaitMessage(StockReserved.class, order);

		this.messaging.send(Topics.INVENTORY_COMMANDS, CommitStock.of(order, null));
		this.messaging.send(Topics.INVENTORY_COMMANDS, CommitStock.of(order, null));

		await().atMost(30, TimeUnit.SECONDS)
			.until(() -> this.messaging.received(StockCommitted.class, order), (list) -> list.size() >= 2);
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(3, 0, 3));

		this.messaging.send(Topics.INVENTORY_COMMANDS, ReleaseStock.of(order, null));

		assertThat(this.messaging.awaitMessage(StockReleased.class, order).released()).isTrue();
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(6, 0, 0));
	}

	@Test
	void releaseBeforeReservationLeavesTombstoneSoTheLateReservationReservesNothing() {
		String sku = this.fixtures.product("LATE", 100, 3);
		UUID order = UUID.randomUUID();

		this.messaging.send(Topics.INVENTORY_COMMANDS, ReleaseStock.of(order, null));
		assertThat(this.messaging.awaitMessage(StockReleased.class, order).released()).isFalse();
		this.messaging.send(Topics.INVENTORY_COMMANDS, ReserveStock.of(order, null, List.of(new StockLine(sku, 2))));
		// a later message of the same order on the same partition: once it is answered,
		// the reservation before it has been handled
		this.messaging.send(Topics.INVENTORY_COMMANDS, ReleaseStock.of(order, null));

		await().atMost(30, TimeUnit.SECONDS)
			.until(() -> this.messaging.received(StockReleased.class, order), (list) -> list.size() >= 2);
		assertThat(this.messaging.received(StockReserved.class, order)).isEmpty();
		assertThat(this.messaging.received(StockRejected.class, order)).isEmpty();
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(3, 0, 0));
		assertThat(this.fixtures.reservationStatus(order)).isEqualTo("TOMBSTONE");
	}

	@Test
	void deadLettersUnreadableMessagesAndHandlesTheNextOneOfTheSamePartition() {
		String sku = this.fixtures.product("DLT", 100, 5);
		UUID order = UUID.randomUUID();
		String notJson = "{ this is not json " + order;
		String unknownVersion = this.codec.encode(ReserveStock.of(order, null, List.of(new StockLine(sku, 1))))
			.replace(ReserveStock.TYPE, "inventory.ReserveStock.v99");

		this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, order.toString(), notJson);
		this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, order.toString(), unknownVersion);
		this.messaging.send(Topics.INVENTORY_COMMANDS, ReserveStock.of(order, null, List.of(new StockLine(sku, 2))));

		assertThat(this.messaging.awaitMessage(StockReserved.class, order).lines())
			.containsExactly(new PricedLine(sku, 2, 100));
		List<ConsumerRecord<String, String>> dead = await().atMost(30, TimeUnit.SECONDS)
			.until(() -> deadLetters(order), (list) -> list.size() >= 2);
		assertThat(dead).extracting(ConsumerRecord::value).containsExactly(notJson, unknownVersion);
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(3, 2, 0));
	}

	@Test
	void deadLettersAContractBreakingCommandWithoutRetryOrBlockingItsPartition() {
		String sku = this.fixtures.product("POISON", 100, 5);
		UUID order = UUID.randomUUID();
		// one sku on two lines breaks the contract: no retry can help, so it is
		// dead-lettered at once
		ReserveStock poison = ReserveStock.of(order, null, List.of(new StockLine(sku, 1), new StockLine(sku, 1)));

		this.messaging.send(Topics.INVENTORY_COMMANDS, poison);
		this.messaging.send(Topics.INVENTORY_COMMANDS, ReserveStock.of(order, null, List.of(new StockLine(sku, 1))));

		assertThat(this.messaging.awaitMessage(StockReserved.class, order).lines())
			.containsExactly(new PricedLine(sku, 1, 100));
		ConsumerRecord<String, String> dead = await().atMost(30, TimeUnit.SECONDS)
			.until(() -> deadLetters(order), (list) -> !list.isEmpty())
			.get(0);
		assertThat(dead.value()).isEqualTo(this.codec.encode(poison));
		assertThat(header(dead, "kafka_dlt-exception-stacktrace")).contains("more than one line");
		assertThat(this.fixtures.stock(sku)).isEqualTo(new Stock(4, 1, 0));
	}

	@Test
	void countsReservationsByOutcomeAndReasonWithoutPerSkuTags() {
		String sku = this.fixtures.product("METER", 100, 1);
		double accepted = count("shopflow.inventory.reservations.accepted", null);
		double outOfStock = count("shopflow.inventory.reservations.rejected", StockRejected.OUT_OF_STOCK);
		UUID granted = UUID.randomUUID();
		UUID refused = UUID.randomUUID();

		this.messaging.send(Topics.INVENTORY_COMMANDS, ReserveStock.of(granted, null, List.of(new StockLine(sku, 1))));
		this.messaging.awaitMessage(StockReserved.class, granted);
		this.messaging.send(Topics.INVENTORY_COMMANDS, ReserveStock.of(refused, null, List.of(new StockLine(sku, 1))));
		this.messaging.awaitMessage(StockRejected.class, refused);

		await().atMost(10, TimeUnit.SECONDS)
			.untilAsserted(
					() -> assertThat(count("shopflow.inventory.reservations.accepted", null)).isEqualTo(accepted + 1));
		await().atMost(10, TimeUnit.SECONDS)
			.untilAsserted(
					() -> assertThat(count("shopflow.inventory.reservations.rejected", StockRejected.OUT_OF_STOCK))
						.isEqualTo(outOfStock + 1));
		assertThat(this.meters.getMeters())
			.filteredOn((meter) -> meter.getId().getName().startsWith("shopflow.inventory"))
			.isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter.getId().getTag("sku")).isNull());
	}

	private double count(String name, String reason) {
		var search = this.meters.find(name);
		if (reason != null) {
			search = search.tag("reason", reason);
		}
		return search.counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
	}

	private List<ConsumerRecord<String, String>> deadLetters(UUID order) {
		return this.messaging.records(DEAD_LETTERS, (record) -> order.toString().equals(record.key()));
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
