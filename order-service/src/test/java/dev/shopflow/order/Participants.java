package dev.shopflow.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.InventoryReply;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.PaymentReply;
import dev.shopflow.common.messages.PaymentSucceeded;
import dev.shopflow.common.messages.PricedLine;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockCommitted;
import dev.shopflow.common.messages.StockReserved;
import dev.shopflow.testsupport.Infrastructure;
import dev.shopflow.testsupport.TestMessaging;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test doubles of inventory-service and payment-service: they watch the real command
 * topics and answer on the real reply topics, one step at a time as a test scripts them.
 * One instance per test JVM (its consumer starts once).
 */
public final class Participants {

	private static Participants instance;

	private final TestMessaging messaging;

	private Participants(String bootstrapServers) {
		createTopics(bootstrapServers);
		this.messaging = new TestMessaging(bootstrapServers, Topics.INVENTORY_COMMANDS, Topics.PAYMENT_COMMANDS,
				Topics.ORDER_EVENTS);
	}

	/**
	 * Creates the saga's topics as the services do (6 partitions), so that subscribing to
	 * them before any service started never auto-creates them with one partition.
	 */
	private static void createTopics(String bootstrapServers) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = Topics.ALL.stream()
				.filter((topic) -> !existing.contains(topic))
				.map((topic) -> new NewTopic(topic, 6, (short) 1))
				.toList();
			admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException(ex);
			}
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The participants on the test JVM's broker.
	 * @return the shared instance
	 */
	public static synchronized Participants onSharedBroker() {
		if (instance == null) {
			instance = new Participants(Infrastructure.kafka().getBootstrapServers());
		}
		return instance;
	}

	/**
	 * Waits for a command (or event) of the order.
	 * @param <T> the type
	 * @param type the message type
	 * @param orderId the order
	 * @return the first one
	 */
	public <T extends Message> T await(Class<T> type, UUID orderId) {
		return this.messaging.awaitMessage(type, orderId);
	}

	/**
	 * Waits until the order has had a number of messages of a type.
	 * @param <T> the type
	 * @param type the message type
	 * @param orderId the order
	 * @param count how many
	 * @return all of them
	 */
	public <T extends Message> List<T> awaitCount(Class<T> type, UUID orderId, int count) {
		return Awaitility.await()
			.atMost(15, TimeUnit.SECONDS)
			.until(() -> received(type, orderId), (list) -> list.size() >= count);
	}

	/**
	 * Asserts that the order gets exactly a number of messages of a type and no more, for
	 * a while.
	 * @param type the message type
	 * @param orderId the order
	 * @param count how many
	 */
	public void assertExactly(Class<? extends Message> type, UUID orderId, int count) {
		awaitCount(type, orderId, count);
		Awaitility.await()
			.during(Duration.ofMillis(800))
			.atMost(5, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(received(type, orderId)).hasSize(count));
	}

	/**
	 * Every message of a type the order had so far.
	 * @param <T> the type
	 * @param type the message type
	 * @param orderId the order
	 * @return the messages
	 */
	public <T extends Message> List<T> received(Class<T> type, UUID orderId) {
		return this.messaging.received(type, orderId);
	}

	/**
	 * Answers on the reply topic of the message's participant.
	 * @param reply the reply
	 */
	public void reply(Message reply) {
		String topic = switch (reply) {
			case InventoryReply inventory -> Topics.INVENTORY_REPLIES;
			case PaymentReply payment -> Topics.PAYMENT_REPLIES;
			default -> throw new IllegalArgumentException("Not a reply: " + reply);
		};
		this.messaging.send(topic, reply);
	}

	/**
	 * Waits for {@code ReserveStock} and builds the reservation of all its lines.
	 * @param orderId the order
	 * @param unitPrices the unit price per sku
	 * @return the reply, not yet sent
	 */
	public StockReserved reservationOf(UUID orderId, Map<String, Long> unitPrices) {
		ReserveStock command = await(ReserveStock.class, orderId);
		List<PricedLine> lines = command.lines()
			.stream()
			.map((line) -> new PricedLine(line.sku(), line.quantity(), unitPrices.getOrDefault(line.sku(), 100L)))
			.toList();
		return StockReserved.of(orderId, null, lines, "EUR");
	}

	/**
	 * Waits for {@code ChargePayment} and builds its success.
	 * @param orderId the order
	 * @return the reply, not yet sent
	 */
	public PaymentSucceeded successOf(UUID orderId) {
		ChargePayment charge = await(ChargePayment.class, orderId);
		return PaymentSucceeded.of(orderId, null, charge.transactionId(), charge.amountMinor(), charge.currency(),
				"ch_" + orderId);
	}

	/**
	 * Waits for {@code CommitStock} and builds its acknowledgement.
	 * @param orderId the order
	 * @return the reply, not yet sent
	 */
	public StockCommitted commitOf(UUID orderId) {
		await(CommitStock.class, orderId);
		return StockCommitted.of(orderId, null);
	}

	/**
	 * Plays the happy path: stock reserved at 100 per unit, charged, committed.
	 * @param orderId the order
	 */
	public void confirm(UUID orderId) {
		reply(reservationOf(orderId, Map.of()));
		reply(successOf(orderId));
		reply(commitOf(orderId));
	}

}
