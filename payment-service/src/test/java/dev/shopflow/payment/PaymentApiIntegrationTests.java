package dev.shopflow.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.shopflow.testsupport.ShopflowIntegrationTest;
import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/payments} against the real database and the real psp-simulator over HTTP:
 * retries of provider failures never charge twice, concurrent duplicates share one
 * charge, declines are not retried.
 */
@ShopflowIntegrationTest
class PaymentApiIntegrationTests {

	static {
		PspSimulatorServer.start();
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private JdbcTemplate jdbc;

	@AfterEach
	void healProvider() {
		PspSimulatorServer.faults("{}");
	}

	@Test
	void chargesOnceWhenTheProviderFailsTwiceBeforeSucceeding() throws Exception {
		PspSimulatorServer.faults("{\"failNextCalls\":2}");
		String transactionId = newTransactionId();

		HttpResponse<String> response = charge(transactionId, 1999, "tok_ok_visa");

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode payment = JSON.readTree(response.body());
		assertThat(payment.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(PspSimulatorServer.chargeCalls(transactionId)).isEqualTo(3);
		JsonNode charges = PspSimulatorServer.charges(transactionId);
		assertThat(charges.size()).isEqualTo(1);
		assertThat(payment.path("providerReference").asString()).isEqualTo(charges.get(0).path("id").asString());
	}

	@Test
	void chargesOnceWhenTheProviderFailsAfterRecordingTheCharge() throws Exception {
		PspSimulatorServer.faults("{\"failAfterChargeNextCalls\":1}");
		String transactionId = newTransactionId();

		HttpResponse<String> response = charge(transactionId, 500, "tok_ok_visa");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(PspSimulatorServer.chargeCalls(transactionId)).isEqualTo(2);
		assertThat(PspSimulatorServer.charges(transactionId).size()).isEqualTo(1);
	}

	@Test
	void retriesAnAnswerThatNeverComesWithoutChargingTwice() throws Exception {
		PspSimulatorServer.faults("{\"timeoutNextCalls\":1}");
		String transactionId = newTransactionId();

		HttpResponse<String> response = charge(transactionId, 800, "tok_ok_visa");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(PspSimulatorServer.chargeCalls(transactionId)).isEqualTo(2);
		assertThat(PspSimulatorServer.charges(transactionId).size()).isEqualTo(1);
	}

	@Test
	void exportsPaymentAndResilienceMetrics() throws Exception {
		charge(newTransactionId(), 100, "tok_ok");

		String metrics = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();

		assertThat(metrics).contains("shopflow_payments_total{", "outcome=\"succeeded\"",
				"shopflow_payment_provider_calls_seconds_count{", "resilience4j_circuitbreaker_state{",
				"resilience4j_circuitbreaker_calls_seconds_count{", "resilience4j_retry_calls_total{",
				"resilience4j_bulkhead_available_concurrent_calls{");
	}

	@Test
	void publishesItsOpenApiDocument() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("/api/payments", "/api/payments/{transactionId}/refund");
	}

	@Test
	void chargesOnceForConcurrentIdenticalRequests() throws Exception {
		String transactionId = newTransactionId();
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			calls.add(() -> charge(transactionId, 2500, "tok_ok_concurrent"));
		}
		List<HttpResponse<String>> responses = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(20)) {
			for (Future<HttpResponse<String>> response : executor.invokeAll(calls)) {
				responses.add(response.get());
			}
		}

		assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200, 201);
		assertThat(responses).filteredOn((response) -> response.statusCode() == 201).hasSize(1);
		List<String> references = responses.stream()
			.map((response) -> JSON.readTree(response.body()))
			.peek((payment) -> assertThat(payment.path("status").asString()).isEqualTo("SUCCEEDED"))
			.map((payment) -> payment.path("providerReference").asString())
			.toList();
		assertThat(references).containsOnly(references.get(0));
		assertThat(PspSimulatorServer.chargeCalls(transactionId)).isEqualTo(1);
		assertThat(PspSimulatorServer.charges(transactionId).size()).isEqualTo(1);
	}

	@Test
	void answersTheSamePaymentForTheSameParametersAndRefusesOtherParameters() throws Exception {
		String transactionId = newTransactionId();
		assertThat(charge(transactionId, 700, "tok_ok").statusCode()).isEqualTo(201);

		HttpResponse<String> again = charge(transactionId, 700, "tok_ok");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(again.body()).path("transactionId").asString()).isEqualTo(transactionId);

		assertProblem(charge(transactionId, 701, "tok_ok"), 422);
		assertProblem(charge(transactionId, 700, "tok_ok_other_card"), 422);
		assertThat(PspSimulatorServer.chargeCalls(transactionId)).isEqualTo(1);
	}

	@Test
	void recordsADeclineWithoutRetrying() throws Exception {
		String transactionId = newTransactionId();

		HttpResponse<String> response = charge(transactionId, 900, "tok_decline_visa");

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode payment = JSON.readTree(response.body());
		assertThat(payment.path("status").asString()).isEqualTo("DECLINED");
		assertThat(payment.path("declineCode").asString()).isEqualTo("card_declined");
		assertThat(PspSimulatorServer.chargeCalls(transactionId)).isEqualTo(1);
		assertProblem(post("/api/payments/" + transactionId + "/refund", "", TestTokens.admin()), 409);
	}

	@Test
	void refundsASucceededPaymentOnce() throws Exception {
		String transactionId = newTransactionId();
		charge(transactionId, 1200, "tok_ok");

		for (int i = 0; i < 2; i++) {
			HttpResponse<String> refund = post("/api/payments/" + transactionId + "/refund", "", TestTokens.admin());
			assertThat(refund.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(refund.body()).path("status").asString()).isEqualTo("REFUNDED");
		}
		assertThat(PspSimulatorServer.charges(transactionId).get(0).path("refunded").asBoolean()).isTrue();
		assertProblem(post("/api/payments/nope-" + UUID.randomUUID() + "/refund", "", TestTokens.admin()), 404);
	}

	@Test
	void readsPaymentsByTransactionAndByOrder() throws Exception {
		String transactionId = newTransactionId();
		UUID orderId = UUID.randomUUID();
		post("/api/payments", body(transactionId, orderId, 300, "tok_ok"), TestTokens.admin());

		HttpResponse<String> one = get("/api/payments/" + transactionId, TestTokens.admin());
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(one.body()).path("orderId").asString()).isEqualTo(orderId.toString());
		JsonNode page = JSON.readTree(get("/api/payments?orderId=" + orderId, TestTokens.admin()).body());
		assertThat(page.path("totalItems").asLong()).isEqualTo(1);
		assertThat(page.path("items").get(0).path("transactionId").asString()).isEqualTo(transactionId);
		assertProblem(get("/api/payments/" + newTransactionId(), TestTokens.admin()), 404);
	}

	@Test
	void letsOnlyOperatorsChargeAndRefund() throws Exception {
		String transactionId = newTransactionId();

		assertProblem(post("/api/payments", body(transactionId, null, 100, "tok_ok"), TestTokens.customer("alice")),
				403);
		assertProblem(post("/api/payments", body(transactionId, null, 100, "tok_ok"), null), 401);
		assertProblem(post("/api/payments/" + transactionId + "/refund", "", TestTokens.customer("alice")), 403);
		assertThat(PspSimulatorServer.chargeCalls(transactionId)).isZero();
	}

	@Test
	void rejectsInvalidChargesWithValidationProblem() throws Exception {
		HttpResponse<String> response = post("/api/payments",
				"{\"transactionId\":\"\",\"amountMinor\":0,\"currency\":\"euro\"}", TestTokens.admin());

		JsonNode problem = assertProblem(response, 400);
		assertThat(problem.path("errors").toString()).contains("transactionId", "amountMinor", "currency",
				"paymentMethod");
	}

	@Test
	void refusesTransactionIdsThatCannotStandInAPathSegmentBeforeRecordingOrCharging() throws Exception {
		long chargeCalls = PspSimulatorServer.allChargeCalls();
		long payments = payments();
		for (String transactionId : List.of("tx " + UUID.randomUUID(), "tx/" + UUID.randomUUID(),
				"tx?" + UUID.randomUUID(), "tx#1", "tx%20" + UUID.randomUUID(), "tx-été", "tx<1>", "x".repeat(65))) {
			JsonNode problem = assertProblem(charge(transactionId, 700, "tok_ok"), 400);
			assertThat(problem.path("errors").toString()).as(transactionId).contains("transactionId");
		}
		assertThat(PspSimulatorServer.allChargeCalls()).isEqualTo(chargeCalls);
		assertThat(payments()).isEqualTo(payments);
	}

	@Test
	void acceptsEveryDocumentedTransactionIdCharacter() throws Exception {
		String transactionId = ("Tx-09._~:@" + UUID.randomUUID()).substring(0, 40) + "z".repeat(24);

		HttpResponse<String> response = charge(transactionId, 700, "tok_ok");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(get("/api/payments/" + transactionId, TestTokens.admin()).statusCode()).isEqualTo(200);
	}

	private long payments() {
		return this.jdbc.queryForObject("SELECT count(*) FROM payment", Long.class);
	}

	private HttpResponse<String> charge(String transactionId, long amountMinor, String token) throws Exception {
		return post("/api/payments", body(transactionId, null, amountMinor, token), TestTokens.admin());
	}

	private static String body(String transactionId, UUID orderId, long amountMinor, String token) {
		return "{\"transactionId\":\"" + transactionId + "\","
				+ ((orderId != null) ? "\"orderId\":\"" + orderId + "\"," : "") + "\"amountMinor\":" + amountMinor
				+ ",\"currency\":\"EUR\",\"paymentMethod\":{\"token\":\"" + token + "\"}}";
	}

	private HttpResponse<String> post(String path, String json, String token) throws Exception {
		HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return this.http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

	private static JsonNode assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		return JSON.readTree(response.body());
	}

	static String newTransactionId() {
		return "tx-" + UUID.randomUUID();
	}

}
