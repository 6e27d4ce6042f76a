package dev.shopflow.order.order;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.PaymentDeclined;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.order.OrderApi;
import dev.shopflow.order.OrderServiceTest;
import dev.shopflow.order.Participants;
import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.shopflow.order.OrderApi.JSON;
import static dev.shopflow.order.OrderApi.orderBody;
import static dev.shopflow.order.OrderApi.sku;
import static dev.shopflow.testsupport.ServiceContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/orders/{id}} with {@code Prefer: wait}: held while the order is
 * {@code PENDING}, answered when any transaction commits its outcome (PostgreSQL
 * notification; the suite's re-read interval is a minute, so only the notification can
 * answer these tests in time), or when the wait is over.
 */
@OrderServiceTest
class WaitForOutcomeIntegrationTests {

	private final Participants participants = Participants.onSharedBroker();

	private final String token = TestTokens.customer("waiter-" + UUID.randomUUID());

	@LocalServerPort
	private int port;

	private OrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new OrderApi(this.port);
	}

	@Test
	void answersWaitingReadWhenTheSagaConfirmsTheOrder() throws Exception {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok_visa", sku(), 1));
		CompletableFuture<HttpResponse<String>> waiting = this.api.orderWaiting(this.token, orderId, "wait=20");

		this.participants.reply(this.participants.reservationOf(orderId, Map.of()));
		this.participants.await(ChargePayment.class, orderId);
		assertThat(waiting).as("answered while the saga still runs").isNotDone();
		this.participants.reply(this.participants.successOf(orderId));
		this.participants.reply(this.participants.commitOf(orderId));

		HttpResponse<String> answer = waiting.get(15, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(JSON.readTree(answer.body()).path("status").asString()).isEqualTo("CONFIRMED");
		assertThat(answer.headers().firstValue("Preference-Applied")).hasValue("wait=20");
		assertThat(answer.headers().allValues("Vary")).anySatisfy((vary) -> assertThat(vary).contains("Prefer"));
	}

	@Test
	void answersWaitingReadWhenTheOrderIsRejected() throws Exception {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_decline", sku(), 1));
		CompletableFuture<HttpResponse<String>> waiting = this.api.orderWaiting(this.token, orderId,
				"respond-async, wait=20");

		this.participants.reply(this.participants.reservationOf(orderId, Map.of()));
		ChargePayment charge = this.participants.await(ChargePayment.class, orderId);
		this.participants.reply(PaymentDeclined.of(orderId, null, charge.transactionId(), "card_declined"));

		JsonNode order = JSON.readTree(waiting.get(15, TimeUnit.SECONDS).body());
		assertThat(order.path("status").asString()).isEqualTo("REJECTED");
		assertThat(order.path("failureReason").asString()).isEqualTo("PAYMENT_DECLINED");
	}

	@Test
	void answersPendingOrderAsItIsWhenTheWaitIsOver() throws Exception {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok_visa", sku(), 1));
		this.participants.await(ReserveStock.class, orderId);

		long started = System.nanoTime();
		HttpResponse<String> answer = this.api.orderWaiting(this.token, orderId, "wait=1").get(15, TimeUnit.SECONDS);

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(answer.body()).path("status").asString()).isEqualTo("PENDING");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void answersDecidedOrderAtOnceAndIgnoresMalformedPreferences() throws Exception {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok_visa", sku(), 1));
		this.participants.confirm(orderId);
		this.api.awaitStatus(this.token, orderId, "CONFIRMED");

		HttpResponse<String> decided = this.api.orderWaiting(this.token, orderId, "wait=20").get(5, TimeUnit.SECONDS);
		assertThat(decided.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(decided.body()).path("status").asString()).isEqualTo("CONFIRMED");
		for (String malformed : new String[] { "wait=soon", "wait=-1", "wait", "wait=0", "return=minimal" }) {
			HttpResponse<String> answer = this.api.orderWaiting(this.token, orderId, malformed)
				.get(5, TimeUnit.SECONDS);
			assertThat(answer.statusCode()).as(malformed).isEqualTo(200);
			assertThat(answer.headers().firstValue("Preference-Applied")).as(malformed).isEmpty();
		}
	}

	@Test
	void answersAnotherCustomersOrderAndUnknownOrdersNotFoundWithoutWaiting() throws Exception {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok_visa", sku(), 1));
		String stranger = TestTokens.customer("stranger-" + UUID.randomUUID());

		HttpResponse<String> foreign = this.api.orderWaiting(stranger, orderId, "wait=20").get(5, TimeUnit.SECONDS);
		HttpResponse<String> unknown = this.api.orderWaiting(this.token, UUID.randomUUID(), "wait=20")
			.get(5, TimeUnit.SECONDS);

		assertThat(assertProblem(foreign, 404).path("type").asString()).endsWith("/order-not-found");
		assertThat(assertProblem(unknown, 404).path("type").asString()).endsWith("/order-not-found");
	}

}
