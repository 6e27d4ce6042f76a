package dev.shopflow.order.saga;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.CommitStock;
import dev.shopflow.common.messages.OrderCancelled;
import dev.shopflow.common.messages.OrderConfirmed;
import dev.shopflow.common.messages.OrderRejected;
import dev.shopflow.common.messages.PaymentDeclined;
import dev.shopflow.common.messages.PaymentRefunded;
import dev.shopflow.common.messages.PaymentSucceeded;
import dev.shopflow.common.messages.PaymentUnavailable;
import dev.shopflow.common.messages.RefundPayment;
import dev.shopflow.common.messages.ReleaseStock;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockCommitted;
import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.common.messages.StockReleased;
import dev.shopflow.common.messages.StockReserved;
import dev.shopflow.order.OrderApi;
import dev.shopflow.order.OrderServiceTest;
import dev.shopflow.order.Participants;
import dev.shopflow.testsupport.Infrastructure;
import dev.shopflow.testsupport.TestMessaging;
import dev.shopflow.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static dev.shopflow.order.OrderApi.orderBody;
import static dev.shopflow.order.OrderApi.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every path of the saga, against the real database and broker, with test doubles of the
 * participants answering the real commands on the real reply topics.
 */
@OrderServiceTest
class OrderSagaIntegrationTests {

	private final Participants participants = Participants.onSharedBroker();

	private final String customer = "saga-" + UUID.randomUUID();

	private final String token = TestTokens.customer(this.customer);

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	private OrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new OrderApi(this.port);
		ListenerReadiness.await(this.listeners);
	}

	@Test
	void confirmsOrderWhenStockIsReservedAndPaymentSucceeds() {
		String apples = sku();
		String pears = sku();
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok_visa", apples, 2, pears, 1));

		ReserveStock reserve = this.participants.await(ReserveStock.class, orderId);
		assertThat(reserve.lines()).extracting("sku", "quantity")
			.containsExactly(org.assertj.core.groups.Tuple.tuple(apples, 2),
					org.assertj.core.groups.Tuple.tuple(pears, 1));
		this.participants.reply(this.participants.reservationOf(orderId, Map.of(apples, 250L, pears, 100L)));
		ChargePayment charge = this.participants.await(ChargePayment.class, orderId);
		assertThat(charge.transactionId()).isEqualTo("order-" + orderId);
		assertThat(charge.amountMinor()).isEqualTo(600);
		assertThat(charge.currency()).isEqualTo("EUR");
		assertThat(charge.customerId()).isEqualTo(this.customer);
		assertThat(charge.paymentToken()).isEqualTo("tok_ok_visa");
		this.participants.reply(this.participants.successOf(orderId));
		this.participants.reply(this.participants.commitOf(orderId));

		JsonNode order = this.api.awaitStatus(this.token, orderId, "CONFIRMED");
		assertThat(order.path("totalMinor").asLong()).isEqualTo(600);
		assertThat(order.path("items").get(0).path("unitPriceMinor").asLong()).isEqualTo(250);
		assertThat(order.path("items").get(1).path("unitPriceMinor").asLong()).isEqualTo(100);
		assertThat(order.path("failureReason").isNull()).isTrue();
		OrderConfirmed confirmed = this.participants.await(OrderConfirmed.class, orderId);
		assertThat(confirmed.totalMinor()).isEqualTo(600);
		assertThat(confirmed.customerId()).isEqualTo(this.customer);
		// confirmed on the payment; the stock commit's reply follows on the timeline
		await().atMost(10, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(this.api.timelineSteps(this.token, orderId)).containsExactly("ORDER_PLACED",
					"STOCK_RESERVATION_REQUESTED", "STOCK_RESERVED", "PAYMENT_REQUESTED", "PAYMENT_SUCCEEDED",
					"STOCK_COMMIT_REQUESTED", "ORDER_CONFIRMED", "STOCK_COMMITTED"));
	}

	@Test
	void refusesPaymentReplyWhoseAmountOrCurrencyDifferFromTheTotal() {
		double refusedBefore = refusedReplies();
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok_visa", sku(), 2));
		this.participants.reply(this.participants.reservationOf(orderId, Map.of()));
		ChargePayment charge = this.participants.await(ChargePayment.class, orderId);

		this.participants.reply(PaymentSucceeded.of(orderId, null, charge.transactionId(), 1, charge.currency(),
				"ch_forged_" + orderId));
		this.participants.reply(PaymentSucceeded.of(orderId, null, charge.transactionId(), charge.amountMinor(), "USD",
				"ch_forged_" + orderId));

		await().atMost(10, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(this.api.timelineSteps(this.token, orderId))
				.containsSubsequence("PAYMENT_REQUESTED", "PAYMENT_REPLY_REFUSED", "PAYMENT_REPLY_REFUSED"));
		assertThat(refusedReplies()).isEqualTo(refusedBefore + 2);
		assertThat(this.api.timelineSteps(this.token, orderId)).doesNotContain("PAYMENT_SUCCEEDED", "ORDER_CONFIRMED");
		assertThat(this.participants.received(OrderConfirmed.class, orderId)).isEmpty();
		assertThat(this.participants.received(CommitStock.class, orderId)).isEmpty();

		// the genuine reply still confirms the order
		this.participants.reply(this.participants.successOf(orderId));
		this.api.awaitStatus(this.token, orderId, "CONFIRMED");
	}

	private double refusedReplies() {
		Counter counter = this.meters.find("shopflow.payments.replies.refused").counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void rejectsOrderWhenStockIsMissing() {
		String sku = sku();
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku, 5));

		this.participants.await(ReserveStock.class, orderId);
		this.participants.reply(StockRejected.of(orderId, null, StockRejected.OUT_OF_STOCK, sku));

		JsonNode order = this.api.awaitStatus(this.token, orderId, "REJECTED");
		assertThat(order.path("failureReason").asString()).isEqualTo("OUT_OF_STOCK");
		assertThat(order.path("totalMinor").isNull()).isTrue();
		assertThat(this.participants.await(OrderRejected.class, orderId).reason()).isEqualTo("OUT_OF_STOCK");
		assertThat(this.api.timelineSteps(this.token, orderId)).containsExactly("ORDER_PLACED",
				"STOCK_RESERVATION_REQUESTED", "STOCK_REJECTED", "ORDER_REJECTED");
		assertThat(this.participants.received(ChargePayment.class, orderId)).isEmpty();
	}

	@Test
	void rejectsOrderWithUnknownSku() {
		String sku = sku();
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku, 1));

		this.participants.await(ReserveStock.class, orderId);
		this.participants.reply(StockRejected.of(orderId, null, StockRejected.UNKNOWN_SKU, sku));

		JsonNode order = this.api.awaitStatus(this.token, orderId, "REJECTED");
		assertThat(order.path("failureReason").asString()).isEqualTo("UNKNOWN_SKU");
		assertThat(this.participants.await(OrderRejected.class, orderId).reason()).isEqualTo("UNKNOWN_SKU");
		assertThat(this.api.timelineSteps(this.token, orderId)).containsExactly("ORDER_PLACED",
				"STOCK_RESERVATION_REQUESTED", "STOCK_REJECTED", "ORDER_REJECTED");
	}

	@Test
	void releasesStockAndRejectsOrderWhenPaymentIsDeclined() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_decline", sku(), 1));

		this.participants.reply(this.participants.reservationOf(orderId, Map.of()));
		ChargePayment charge = this.participants.await(ChargePayment.class, orderId);
		this.participants.reply(PaymentDeclined.of(orderId, null, charge.transactionId(), "card_declined"));

		JsonNode order = this.api.awaitStatus(this.token, orderId, "REJECTED");
		assertThat(order.path("failureReason").asString()).isEqualTo("PAYMENT_DECLINED");
		this.participants.await(ReleaseStock.class, orderId);
		this.participants.reply(StockReleased.of(orderId, null, true));
		assertThat(this.participants.await(OrderRejected.class, orderId).reason()).isEqualTo("PAYMENT_DECLINED");
		await().atMost(10, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(this.api.timelineSteps(this.token, orderId)).containsExactly("ORDER_PLACED",
					"STOCK_RESERVATION_REQUESTED", "STOCK_RESERVED", "PAYMENT_REQUESTED", "PAYMENT_DECLINED",
					"STOCK_RELEASE_REQUESTED", "ORDER_REJECTED", "STOCK_RELEASED"));
		assertThat(this.participants.received(CommitStock.class, orderId)).isEmpty();
		assertThat(this.participants.received(RefundPayment.class, orderId)).isEmpty();
	}

	@Test
	void retriesUnavailablePaymentWithSameTransactionUntilDeadlineThenReleasesAndRefunds() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		this.participants.reply(this.participants.reservationOf(orderId, Map.of()));
		Set<UUID> answered = new HashSet<>();

		// the provider stays unavailable: answer every attempt with PaymentUnavailable
		JsonNode order = await().atMost(15, TimeUnit.SECONDS).until(() -> {
			for (ChargePayment charge : this.participants.received(ChargePayment.class, orderId)) {
				if (answered.add(charge.messageId())) {
					this.participants
						.reply(PaymentUnavailable.of(orderId, null, charge.transactionId(), "provider timed out"));
				}
			}
			return this.api.order(this.token, orderId);
		}, (current) -> "REJECTED".equals(current.path("status").asString()));

		assertThat(order.path("failureReason").asString()).isEqualTo("PAYMENT_UNAVAILABLE");
		List<ChargePayment> charges = this.participants.received(ChargePayment.class, orderId);
		assertThat(charges).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((charge) -> assertThat(charge.transactionId()).isEqualTo("order-" + orderId));
		this.participants.await(ReleaseStock.class, orderId);
		assertThat(this.participants.await(RefundPayment.class, orderId).transactionId()).isEqualTo("order-" + orderId);
		assertThat(this.participants.await(OrderRejected.class, orderId).reason()).isEqualTo("PAYMENT_UNAVAILABLE");
		List<String> steps = this.api.timelineSteps(this.token, orderId);
		assertThat(steps)
			.startsWith("ORDER_PLACED", "STOCK_RESERVATION_REQUESTED", "STOCK_RESERVED", "PAYMENT_REQUESTED",
					"PAYMENT_UNAVAILABLE", "PAYMENT_RETRY_REQUESTED")
			.endsWith("SAGA_DEADLINE_PASSED", "STOCK_RELEASE_REQUESTED", "REFUND_REQUESTED", "ORDER_REJECTED");
	}

	@Test
	void timesOutWithoutReservationAndReleasesTheLateOne() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		StockReserved late = this.participants.reservationOf(orderId, Map.of());

		JsonNode order = this.api.awaitStatus(this.token, orderId, "REJECTED");
		assertThat(order.path("failureReason").asString()).isEqualTo("TIMEOUT");
		this.participants.assertExactly(ReleaseStock.class, orderId, 1);
		assertThat(this.participants.await(OrderRejected.class, orderId).reason()).isEqualTo("TIMEOUT");

		this.participants.reply(late);

		this.participants.assertExactly(ReleaseStock.class, orderId, 2);
		assertThat(this.api.order(this.token, orderId).path("status").asString()).isEqualTo("REJECTED");
		assertThat(this.participants.received(ChargePayment.class, orderId)).isEmpty();
		assertThat(this.api.timelineSteps(this.token, orderId)).containsExactly("ORDER_PLACED",
				"STOCK_RESERVATION_REQUESTED", "SAGA_DEADLINE_PASSED", "STOCK_RELEASE_REQUESTED", "ORDER_REJECTED",
				"LATE_STOCK_RESERVED", "STOCK_RELEASE_REQUESTED");
	}

	@Test
	void neverStartsAChargeOnceTheDeadlineHasPassed() throws Exception {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		StockReserved reserved = this.participants.reservationOf(orderId, Map.of());

		// the reservation is handled after the deadline but before any sweep times the
		// order out: the test holds the order's lock (the sweeper skips it), moves the
		// deadline into the past, and lets go once the reply waits for the lock
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder
				.prepareStatement("UPDATE orders SET deadline = now() - interval '1 second' WHERE id = ?")) {
				lock.setObject(1, orderId);
				assertThat(lock.executeUpdate()).isOne();
			}
			this.participants.reply(reserved);
			await().atMost(10, TimeUnit.SECONDS).until(this::aReplyWaitsForAnOrderLock);
			holder.commit();
		}

		JsonNode order = this.api.awaitStatus(this.token, orderId, "REJECTED");
		assertThat(order.path("failureReason").asString()).isEqualTo("TIMEOUT");
		assertThat(this.participants.await(OrderRejected.class, orderId).reason()).isEqualTo("TIMEOUT");
		this.participants.assertExactly(ReleaseStock.class, orderId, 1);
		assertThat(this.participants.received(ChargePayment.class, orderId)).isEmpty();
		assertThat(this.api.timelineSteps(this.token, orderId)).containsExactly("ORDER_PLACED",
				"STOCK_RESERVATION_REQUESTED", "STOCK_RESERVED", "SAGA_DEADLINE_PASSED", "STOCK_RELEASE_REQUESTED",
				"ORDER_REJECTED");
	}

	private boolean aReplyWaitsForAnOrderLock() {
		return this.jdbc.sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE OF o%'""")
			.query(Long.class)
			.single() > 0;
	}

	@Test
	void timesOutWhilePaymentIsOpenAndRefundsTheLateCharge() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 3));
		this.participants.reply(this.participants.reservationOf(orderId, Map.of()));
		PaymentSucceeded late = this.participants.successOf(orderId);

		JsonNode order = this.api.awaitStatus(this.token, orderId, "REJECTED");
		assertThat(order.path("failureReason").asString()).isEqualTo("TIMEOUT");
		this.participants.assertExactly(ReleaseStock.class, orderId, 1);
		this.participants.assertExactly(RefundPayment.class, orderId, 1);

		this.participants.reply(late);

		this.participants.assertExactly(RefundPayment.class, orderId, 2);
		this.participants.assertExactly(ReleaseStock.class, orderId, 1);
		assertThat(this.participants.received(CommitStock.class, orderId)).isEmpty();
		assertThat(this.api.order(this.token, orderId).path("status").asString()).isEqualTo("REJECTED");
		assertThat(this.api.timelineSteps(this.token, orderId)).endsWith("SAGA_DEADLINE_PASSED",
				"STOCK_RELEASE_REQUESTED", "REFUND_REQUESTED", "ORDER_REJECTED", "LATE_PAYMENT_SUCCEEDED",
				"REFUND_REQUESTED");
	}

	@Test
	void cancelsPendingOrderAndReleasesItsStock() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		StockReserved late = this.participants.reservationOf(orderId, Map.of());

		var response = this.api.post(this.token, "/api/orders/" + orderId + "/cancel");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(OrderApi.JSON.readTree(response.body()).path("status").asString()).isEqualTo("CANCELLED");
		this.participants.await(ReleaseStock.class, orderId);
		assertThat(this.participants.await(OrderCancelled.class, orderId).refunded()).isFalse();
		// the reservation answers after the cancel: released, never charged
		this.participants.reply(late);
		this.participants.assertExactly(ReleaseStock.class, orderId, 2);
		assertThat(this.participants.received(ChargePayment.class, orderId)).isEmpty();
		assertThat(this.participants.received(RefundPayment.class, orderId)).isEmpty();
		assertThat(this.api.order(this.token, orderId).path("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.api.timelineSteps(this.token, orderId)).startsWith("ORDER_PLACED",
				"STOCK_RESERVATION_REQUESTED", "CANCEL_REQUESTED", "STOCK_RELEASE_REQUESTED", "ORDER_CANCELLED");
	}

	@Test
	void cancelsOrderWhilePaymentIsOpenAndRefundsIfCharged() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		this.participants.reply(this.participants.reservationOf(orderId, Map.of()));
		this.participants.await(ChargePayment.class, orderId);

		var response = this.api.post(this.token, "/api/orders/" + orderId + "/cancel");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		this.participants.await(ReleaseStock.class, orderId);
		this.participants.await(RefundPayment.class, orderId);
		assertThat(this.api.timelineSteps(this.token, orderId)).endsWith("CANCEL_REQUESTED", "STOCK_RELEASE_REQUESTED",
				"REFUND_REQUESTED", "ORDER_CANCELLED");
	}

	@Test
	void cancelsConfirmedOrderWithRefundAndStockRelease() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 2));
		this.participants.confirm(orderId);
		this.api.awaitStatus(this.token, orderId, "CONFIRMED");
		await().atMost(10, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(this.api.timelineSteps(this.token, orderId)).contains("STOCK_COMMITTED"));

		var response = this.api.post(this.token, "/api/orders/" + orderId + "/cancel");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(OrderApi.JSON.readTree(response.body()).path("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.participants.await(RefundPayment.class, orderId).transactionId()).isEqualTo("order-" + orderId);
		this.participants.await(ReleaseStock.class, orderId);
		assertThat(this.participants.await(OrderCancelled.class, orderId).refunded()).isTrue();
		// the compensations' acknowledgements may come in either order
		this.participants.reply(PaymentRefunded.of(orderId, null, "order-" + orderId));
		this.participants.reply(StockReleased.of(orderId, null, true));
		await().atMost(10, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(this.api.timelineSteps(this.token, orderId)).endsWith("ORDER_CONFIRMED",
					"STOCK_COMMITTED", "CANCEL_REQUESTED", "STOCK_RELEASE_REQUESTED", "REFUND_REQUESTED",
					"ORDER_CANCELLED", "PAYMENT_REFUNDED", "STOCK_RELEASED"));
		var again = this.api.post(this.token, "/api/orders/" + orderId + "/cancel");
		assertThat(again.statusCode()).isEqualTo(409);
		this.participants.assertExactly(RefundPayment.class, orderId, 1);
	}

	@Test
	void repliesDeliveredTwiceOrLateChangeNothing() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		StockReserved reserved = this.participants.reservationOf(orderId, Map.of());
		this.participants.reply(reserved);
		this.participants.reply(reserved);
		PaymentSucceeded succeeded = this.participants.successOf(orderId);
		this.participants.reply(succeeded);
		this.participants.reply(succeeded);
		// a participant answering a redelivered command again: same fact, new message id,
		// arriving after the saga moved on
		this.participants.reply(StockReserved.of(orderId, null, reserved.lines(), reserved.currency()));
		StockCommitted committed = this.participants.commitOf(orderId);
		this.participants.reply(committed);
		this.participants.reply(committed);
		this.participants.reply(PaymentSucceeded.of(orderId, null, succeeded.transactionId(), succeeded.amountMinor(),
				succeeded.currency(), succeeded.providerReference()));

		this.api.awaitStatus(this.token, orderId, "CONFIRMED");
		this.participants.assertExactly(OrderConfirmed.class, orderId, 1);
		this.participants.assertExactly(ReserveStock.class, orderId, 1);
		this.participants.assertExactly(ChargePayment.class, orderId, 1);
		this.participants.assertExactly(CommitStock.class, orderId, 1);
		assertThat(this.participants.received(ReleaseStock.class, orderId)).isEmpty();
		assertThat(this.participants.received(RefundPayment.class, orderId)).isEmpty();
		// confirmed on the payment; the stock commit's reply follows on the timeline
		await().atMost(10, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(this.api.timelineSteps(this.token, orderId)).containsExactly("ORDER_PLACED",
					"STOCK_RESERVATION_REQUESTED", "STOCK_RESERVED", "PAYMENT_REQUESTED", "PAYMENT_SUCCEEDED",
					"STOCK_COMMIT_REQUESTED", "ORDER_CONFIRMED", "STOCK_COMMITTED"));
	}

	@Test
	void exposesOrderAndSagaMetrics() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		this.participants.confirm(orderId);
		this.api.awaitStatus(this.token, orderId, "CONFIRMED");
		UUID rejected = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		this.participants.await(ReserveStock.class, rejected);
		this.participants.reply(StockRejected.of(rejected, null, StockRejected.OUT_OF_STOCK, null));
		this.api.awaitStatus(this.token, rejected, "REJECTED");

		await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
			String metrics = new OrderApi(this.managementPort).get(null, "/actuator/prometheus").body();
			assertThat(metrics).contains("shopflow_orders_placed_total", "shopflow_orders_confirmed_total",
					"shopflow_orders_rejected_total{application=\"order-service\",reason=\"OUT_OF_STOCK\"}",
					"shopflow_saga_duration_seconds_bucket{application=\"order-service\",outcome=\"CONFIRMED\"",
					"shopflow_saga_in_flight", "shopflow_outbox_lag_seconds");
		});
		// Prometheus gets the histogram (for histogram_quantile); other registries get
		// the client-side percentiles too
		Timer duration = this.meters.get("shopflow.saga.duration").tag("outcome", "CONFIRMED").timer();
		assertThat(duration.takeSnapshot().percentileValues()).extracting(ValueAtPercentile::percentile)
			.containsExactly(0.5, 0.95, 0.99);
	}

	@Test
	void deadLettersUnreadableRepliesWithoutBlockingTheSaga() {
		try (TestMessaging deadLetters = new TestMessaging(Infrastructure.kafka().getBootstrapServers(),
				Topics.deadLetter(Topics.INVENTORY_REPLIES))) {
			UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
			// on the order's own partition, ahead of its replies
			deadLetters.sendRaw(Topics.INVENTORY_REPLIES, orderId.toString(), "{not json");
			this.participants.confirm(orderId);

			this.api.awaitStatus(this.token, orderId, "CONFIRMED");
			await().atMost(15, TimeUnit.SECONDS)
				.until(() -> deadLetters.records(Topics.deadLetter(Topics.INVENTORY_REPLIES),
						(record) -> orderId.toString().equals(record.key())), (records) -> records.size() == 1);
		}
	}

	@Test
	void rejectionsDeliveredTwiceCompensateOnce() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_decline", sku(), 1));
		this.participants.reply(this.participants.reservationOf(orderId, Map.of()));
		ChargePayment charge = this.participants.await(ChargePayment.class, orderId);
		PaymentDeclined declined = PaymentDeclined.of(orderId, null, charge.transactionId(), "card_declined");
		this.participants.reply(declined);
		this.participants.reply(declined);
		this.participants.reply(PaymentDeclined.of(orderId, null, charge.transactionId(), "card_declined"));

		this.api.awaitStatus(this.token, orderId, "REJECTED");
		this.participants.assertExactly(ReleaseStock.class, orderId, 1);
		this.participants.assertExactly(OrderRejected.class, orderId, 1);
	}

}
