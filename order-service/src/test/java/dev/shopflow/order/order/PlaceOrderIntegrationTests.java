package dev.shopflow.order.order;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import static dev.shopflow.testsupport.ServiceContract.assertProblem;
import static dev.shopflow.order.OrderApi.orderBody;
import static dev.shopflow.order.OrderApi.sku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders API: idempotent placement, validation, who sees what, listing.
 */
@OrderServiceTest
class PlaceOrderIntegrationTests {

	private final Participants participants = Participants.onSharedBroker();

	private final String alice = "alice-" + UUID.randomUUID();

	private final String aliceToken = TestTokens.customer(this.alice);

	@LocalServerPort
	private int port;

	private OrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new OrderApi(this.port);
	}

	@Test
	void refusesATokenWithoutSubjectInsteadOfListingEveryonesOrders() {
		this.api.placeAccepted(this.aliceToken, orderBody("tok_ok_visa", sku(), 1));
		String noSubject = TestTokens.with((claims) -> claims.subject(null));

		HttpResponse<String> response = this.api.get(noSubject, "/api/orders?page=0");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.body()).doesNotContain(this.alice);
	}

	@Test
	void answersAcceptedPendingOrderAsContracted() {
		String sku = sku();
		HttpResponse<String> response = this.api.place(this.aliceToken, UUID.randomUUID().toString(),
				orderBody("tok_ok", sku, 3));

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode order = JSON.readTree(response.body());
		assertThat(response.headers().firstValue("Location")).hasValue("/api/orders/" + order.path("id").asString());
		assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(order.path("customerId").asString()).isEqualTo(this.alice);
		assertThat(order.path("status").asString()).isEqualTo("PENDING");
		assertThat(order.path("currency").asString()).isEqualTo("EUR");
		assertThat(order.has("totalMinor") && order.path("totalMinor").isNull()).isTrue();
		assertThat(order.has("failureReason") && order.path("failureReason").isNull()).isTrue();
		assertThat(order.path("items").get(0).path("sku").asString()).isEqualTo(sku);
		assertThat(order.path("items").get(0).path("quantity").asInt()).isEqualTo(3);
		assertThat(order.path("items").get(0).path("unitPriceMinor").isNull()).isTrue();
		assertThat(order.path("createdAt").asString()).endsWith("Z");
		assertThat(order.path("updatedAt").asString()).endsWith("Z");
		assertThat(this.api.order(this.aliceToken, UUID.fromString(order.path("id").asString())).path("id"))
			.isEqualTo(order.path("id"));
	}

	@Test
	void placesOneOrderForConcurrentRetriesWithTheSameKey() throws Exception {
		String key = UUID.randomUUID().toString();
		String body = orderBody("tok_ok", sku(), 1, sku(), 2);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 10; i++) {
				Callable<HttpResponse<String>> call = () -> {
					start.await();
					return this.api.place(this.aliceToken, key, body);
				};
				answers.add(clients.submit(call));
			}
			start.countDown();
		}

		List<String> orderIds = new ArrayList<>();
		int firstAnswers = 0;
		for (Future<HttpResponse<String>> answer : answers) {
			HttpResponse<String> response = answer.get();
			assertThat(response.statusCode()).as(response.body()).isIn(202, 409);
			if (response.statusCode() == 202) {
				orderIds.add(JSON.readTree(response.body()).path("id").asString());
				if (response.headers().firstValue("Idempotent-Replayed").isEmpty()) {
					firstAnswers++;
				}
			}
			else {
				assertProblem(response, 409);
			}
		}
		assertThat(orderIds).isNotEmpty().containsOnly(orderIds.get(0));
		assertThat(firstAnswers).isEqualTo(1);

		HttpResponse<String> retry = this.api.place(this.aliceToken, key, body);
		assertThat(retry.statusCode()).isEqualTo(202);
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JSON.readTree(retry.body()).path("id").asString()).isEqualTo(orderIds.get(0));
		assertThat(retry.headers().firstValue("Location")).hasValue("/api/orders/" + orderIds.get(0));
		this.participants.assertExactly(ReserveStock.class, UUID.fromString(orderIds.get(0)), 1);
		JsonNode page = JSON.readTree(this.api.get(this.aliceToken, "/api/orders").body());
		assertThat(page.path("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void replaysTheFirstAnswerEvenAfterTheOrderMovedOn() {
		String key = UUID.randomUUID().toString();
		String body = orderBody("tok_ok", sku(), 1);
		HttpResponse<String> first = this.api.place(this.aliceToken, key, body);
		UUID orderId = UUID.fromString(JSON.readTree(first.body()).path("id").asString());
		this.api.post(this.aliceToken, "/api/orders/" + orderId + "/cancel");

		HttpResponse<String> replay = this.api.place(this.aliceToken, key, body);

		assertThat(replay.statusCode()).isEqualTo(first.statusCode());
		assertThat(replay.body()).isEqualTo(first.body());
		assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
	}

	@Test
	void refusesTheSameKeyWithAnotherBody() {
		String key = UUID.randomUUID().toString();
		String sku = sku();
		assertThat(this.api.place(this.aliceToken, key, orderBody("tok_ok", sku, 1)).statusCode()).isEqualTo(202);

		HttpResponse<String> other = this.api.place(this.aliceToken, key, orderBody("tok_ok", sku, 2));

		JsonNode problem = assertProblem(other, 422);
		assertThat(problem.path("type").asString()).endsWith("/idempotency-key-reused");
	}

	@Test
	void scopesKeysToTheCaller() {
		String key = UUID.randomUUID().toString();
		String body = orderBody("tok_ok", sku(), 1);

		HttpResponse<String> alices = this.api.place(this.aliceToken, key, body);
		HttpResponse<String> bobs = this.api.place(TestTokens.customer("bob-" + UUID.randomUUID()), key, body);

		assertThat(alices.statusCode()).isEqualTo(202);
		assertThat(bobs.statusCode()).isEqualTo(202);
		assertThat(bobs.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(JSON.readTree(bobs.body()).path("id")).isNotEqualTo(JSON.readTree(alices.body()).path("id"));
	}

	@Test
	void requiresAValidIdempotencyKey() {
		String body = orderBody("tok_ok", sku(), 1);

		JsonNode missing = assertProblem(this.api.place(this.aliceToken, null, body), 400);
		assertProblem(this.api.place(this.aliceToken, "x".repeat(256), body), 400);
		assertProblem(this.api.place(this.aliceToken, "with space", body), 400);

		assertThat(missing.path("type").asString()).endsWith("/idempotency-key-invalid");
	}

	@Test
	void rejectsInvalidOrdersWithTheOffendingFields() {
		String sku = sku();
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			lines.add("{\"sku\":\"" + sku + "-" + i + "\",\"quantity\":1}");
		}
		String tooMany = "{\"items\":[" + String.join(",", lines) + "],\"paymentMethod\":{\"token\":\"tok_ok\"}}";

		assertInvalid("{\"items\":[],\"paymentMethod\":{\"token\":\"tok_ok\"}}", "items");
		assertInvalid(tooMany, "items");
		assertInvalid(orderBody("tok_ok", sku, 0), "items[0].quantity");
		assertInvalid(orderBody("tok_ok", sku, 1001), "items[0].quantity");
		assertInvalid(orderBody("tok_ok", "lower-case", 1), "items[0].sku");
		assertInvalid(orderBody("tok_ok", sku, 1, sku, 2), "items[1].sku");
		assertInvalid("{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}", "paymentMethod");
		assertInvalid(orderBody("", sku, 1), "paymentMethod.token");
		assertProblem(this.api.place(this.aliceToken, "k-" + UUID.randomUUID(), "{oops"), 400);
	}

	private void assertInvalid(String body, String field) {
		HttpResponse<String> response = this.api.place(this.aliceToken, UUID.randomUUID().toString(), body);
		JsonNode problem = assertProblem(response, 400);
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach((error) -> fields.add(error.path("field").asString()));
		assertThat(fields).as(response.body()).contains(field);
	}

	@Test
	void hidesOrdersFromOtherCustomers() {
		UUID orderId = this.api.placeAccepted(this.aliceToken, orderBody("tok_ok", sku(), 1));
		String bob = TestTokens.customer("bob-" + UUID.randomUUID());

		assertProblem(this.api.get(bob, "/api/orders/" + orderId), 404);
		assertProblem(this.api.get(bob, "/api/orders/" + orderId + "/timeline"), 404);
		assertProblem(this.api.post(bob, "/api/orders/" + orderId + "/cancel"), 404);
		assertThat(JSON.readTree(this.api.get(bob, "/api/orders").body()).path("totalItems").asLong()).isZero();
		assertThat(this.api.order(this.aliceToken, orderId).path("status").asString()).isEqualTo("PENDING");
		assertThat(this.api.order(TestTokens.admin(), orderId).path("customerId").asString()).isEqualTo(this.alice);
		assertProblem(this.api.get(this.aliceToken, "/api/orders/" + UUID.randomUUID()), 404);
	}

	@Test
	void completesItsOwnProblemsWithInstanceAndTraceId() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String path = "/api/orders/" + UUID.randomUUID();

		JsonNode traced = assertProblem(
				this.api.get(this.aliceToken, path, Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")),
				404);
		JsonNode identified = assertProblem(this.api.get(this.aliceToken, path, Map.of("X-Request-Id", "req-o-404")),
				404);

		assertThat(traced.path("type").asString()).endsWith("/order-not-found");
		assertThat(traced.path("instance").asString()).isEqualTo(path);
		assertThat(traced.path("traceId").asString()).isEqualTo(traceId);
		// without a caller's context: the W3C trace id of the request's own span
		assertThat(identified.path("traceId").asString()).matches("[0-9a-f]{32}").isNotEqualTo(traceId);
	}

	@Test
	void refusesCallersWithoutTokenOrRole() {
		String body = orderBody("tok_ok", sku(), 1);

		assertProblem(this.api.place(null, "k", body), 401);
		assertProblem(this.api.place(TestTokens.admin(), "k", body), 403);
		assertProblem(this.api.get(null, "/api/orders"), 401);
	}

	@Test
	void listsOwnOrdersNewestFirstAndLetsAdminsFilterByCustomer() {
		UUID older = this.api.placeAccepted(this.aliceToken, orderBody("tok_ok", sku(), 1));
		UUID newer = this.api.placeAccepted(this.aliceToken, orderBody("tok_ok", sku(), 1));
		this.api.post(this.aliceToken, "/api/orders/" + older + "/cancel");
		this.api.placeAccepted(TestTokens.customer("carol-" + UUID.randomUUID()), orderBody("tok_ok", sku(), 1));

		JsonNode own = JSON.readTree(this.api.get(this.aliceToken, "/api/orders?page=0&size=10").body());
		assertThat(own.path("totalItems").asLong()).isEqualTo(2);
		assertThat(own.path("page").asInt()).isZero();
		assertThat(own.path("size").asInt()).isEqualTo(10);
		assertThat(ids(own)).containsExactly(newer.toString(), older.toString());
		JsonNode firstPage = JSON.readTree(this.api.get(this.aliceToken, "/api/orders?size=1").body());
		assertThat(ids(firstPage)).containsExactly(newer.toString());
		JsonNode cancelled = JSON.readTree(this.api.get(this.aliceToken, "/api/orders?status=CANCELLED").body());
		assertThat(ids(cancelled)).containsExactly(older.toString());
		JsonNode byAdmin = JSON
			.readTree(this.api.get(TestTokens.admin(), "/api/orders?customerId=" + this.alice).body());
		assertThat(ids(byAdmin)).containsExactly(newer.toString(), older.toString());
		JsonNode all = JSON.readTree(this.api.get(TestTokens.admin(), "/api/orders?size=100").body());
		assertThat(all.path("totalItems").asLong()).isGreaterThanOrEqualTo(3);
		assertProblem(this.api.get(this.aliceToken, "/api/orders?size=0"), 400);
		assertProblem(this.api.get(this.aliceToken, "/api/orders?size=101"), 400);
		assertProblem(this.api.get(this.aliceToken, "/api/orders?status=NOPE"), 400);
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("items").forEach((order) -> ids.add(order.path("id").asString()));
		return ids;
	}

}
