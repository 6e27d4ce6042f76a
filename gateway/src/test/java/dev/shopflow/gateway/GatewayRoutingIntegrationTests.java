package dev.shopflow.gateway;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real gateway in front of real HTTP servers standing in for the services: tokens,
 * request ids, forwarding, stopped and hanging services, circuit breaking, size limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "shopflow.gateway.timeout=1s", "shopflow.gateway.minimum-calls=4",
				"shopflow.gateway.open-duration=30s", "shopflow.gateway.max-request-size=64KB",
				"shopflow.gateway.wait-timeout=3000", "shopflow.gateway.cors-allowed-origins=https://shop.example" })
@Import(TestTokens.ReactiveDecoder.class)
class GatewayRoutingIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DownstreamStub inventory = DownstreamStub.start()
		.answer("/api/products", "{\"items\":[],\"page\":0,\"size\":20,\"totalItems\":0}");

	private static final DownstreamStub orders = DownstreamStub.start();

	private static final DownstreamStub payments = DownstreamStub.start();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("INVENTORY_SERVICE_URL", inventory::url);
		registry.add("ORDER_SERVICE_URL", orders::url);
		registry.add("PAYMENT_SERVICE_URL", DownstreamStub::stoppedServiceUrl);
	}

	@AfterAll
	static void stopStubs() {
		inventory.close();
		orders.close();
		payments.close();
	}

	@Test
	void letsAnyoneReadTheCatalogue() throws Exception {
		HttpResponse<String> response = send(get("/api/products").build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("totalItems");
	}

	@Test
	void routesNoActuatorPathToAService() throws Exception {
		String admin = "Bearer " + TestTokens.admin();
		for (String path : List.of("/actuator/prometheus", "/api/actuator/prometheus",
				"/api/products/../../actuator/prometheus", "/api/products/%2e%2e/%2e%2e/actuator/env",
				"/api/orders/..%2f..%2factuator/metrics", "/api/admin/order-service/../../../actuator/env",
				"/api-docs/inventory/../../actuator/prometheus")) {
			HttpResponse<String> response = send(get(path).header("Authorization", admin).build());

			assertThat(response.statusCode()).as(path).isBetween(400, 499);
		}
		for (DownstreamStub service : List.of(inventory, orders)) {
			assertThat(service.requests()).extracting((headers) -> headers.getFirst("X-Stub-Path"))
				.noneMatch((path) -> path.contains("actuator"));
		}
	}

	@Test
	void refusesMissingExpiredForgedUnsignedAndMalformedTokens() throws Exception {
		assertUnauthorized(send(get("/api/orders").build()));
		for (String token : List.of(TestTokens.expired("alice"), TestTokens.signedByStranger("alice"), "garbage",
				"eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSIsInJvbGVzIjpbImFkbWluIl19.")) {
			assertUnauthorized(send(get("/api/orders").header("Authorization", "Bearer " + token).build()));
		}
		assertThat(orders.requestsTo("/api/orders")).isZero();
	}

	@Test
	void refusesTokensWithoutSubjectOrExpiryOrOfAnotherIssuerOrAudience() throws Exception {
		long forwarded = orders.requestsTo("/api/orders");
		for (String token : List.of(TestTokens.with((claims) -> claims.subject(null)),
				TestTokens.with((claims) -> claims.expirationTime(null)),
				TestTokens.with((claims) -> claims.issuer("https://elsewhere.example")),
				TestTokens.with((claims) -> claims.audience("another-api")))) {
			assertUnauthorized(send(get("/api/orders").header("Authorization", "Bearer " + token).build()));
		}
		assertThat(orders.requestsTo("/api/orders")).isEqualTo(forwarded);
	}

	@Test
	void refusesCustomerTokenOnAdminCallWithForbiddenProblem() throws Exception {
		HttpResponse<String> response = send(
				request("/api/products").header("Authorization", "Bearer " + TestTokens.customer("alice"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"unitPriceMinor\":100,\"initialStock\":1}"))
					.build());

		problem(response, 403);
		assertThat(inventory.requests())
			.noneSatisfy((headers) -> assertThat(headers.getFirst("Content-Type")).isNotNull());
	}

	@Test
	void refusesAdminCallsSpelledWithATrailingSlashOrInAnotherCaseWithoutForwardingThem() throws Exception {
		String customer = "Bearer " + TestTokens.customer("alice");
		long inventoryCalls = inventory.requests().size();
		long orderCalls = orders.requests().size();
		for (String path : List.of("/api/products/", "/API/Products", "/api/products/SKU-1/stock/", "/api/payments/",
				"/api/payments/tx-1/refund/")) {
			problem(send(request(path).header("Authorization", customer)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build()), 403);
		}
		for (String path : List.of("/api/admin/order-service/dead-letters/", "/API/ADMIN/order-service/dead-letters",
				"/api/Admin/inventory-service/dead-letters")) {
			problem(send(get(path).header("Authorization", customer).build()), 403);
			problem(send(get(path).build()), 401);
		}
		assertThat(inventory.requests()).as("requests forwarded to inventory-service").hasSize((int) inventoryCalls);
		assertThat(orders.requests()).as("requests forwarded to order-service").hasSize((int) orderCalls);
	}

	@Test
	void routesAServicesOperatorEndpointsToThatServiceForAdminsOnly() throws Exception {
		String path = "/api/admin/order-service/dead-letters";
		problem(send(get(path).header("Authorization", "Bearer " + TestTokens.customer("alice")).build()), 403);
		problem(send(get(path).build()), 401);
		assertThat(orders.requestsTo(path)).isZero();

		send(get(path).header("Authorization", "Bearer " + TestTokens.admin()).build());

		assertThat(orders.requestsTo(path)).isEqualTo(1);
		assertThat(inventory.requestsTo(path)).isZero();
	}

	@Test
	void forwardsTokenRequestIdAndTraceContext() throws Exception {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		HttpResponse<String> response = send(
				get("/api/orders?page=0").header("Authorization", "Bearer " + TestTokens.customer("alice"))
					.header("X-Request-Id", "req-forward-1")
					.header("traceparent", traceparent)
					.build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-forward-1");
		assertThat(orders.requests()).anySatisfy((headers) -> {
			assertThat(headers.getFirst("X-Request-Id")).isEqualTo("req-forward-1");
			// the same trace (continued by the gateway's span where it traces)
			assertThat(headers.getFirst("traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
				.endsWith("-01");
			assertThat(headers.getFirst("Authorization")).startsWith("Bearer ");
		});
	}

	@Test
	void generatesRequestIdOnEveryAnswerIncludingErrors() throws Exception {
		for (HttpResponse<String> response : List.of(send(get("/api/products").build()),
				send(get("/api/orders").build()), send(get("/nope").build()))) {
			assertThat(response.headers().firstValue("X-Request-Id"))
				.hasValueSatisfying((id) -> assertThat(id).hasSizeGreaterThan(8));
		}
		HttpResponse<String> notFound = send(get("/nope").header("X-Request-Id", "req-404").build());
		assertThat(notFound.headers().firstValue("X-Request-Id")).hasValue("req-404");
		// the W3C trace id of the gateway's span for the request, not the request id
		assertThat(problem(notFound, 404).path("traceId").asString()).matches("[0-9a-f]{32}");
		HttpResponse<String> traced = send(
				get("/nope").header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").build());
		assertThat(problem(traced, 404).path("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void answersStoppedServiceWithServiceUnavailableWithinTimeout() throws Exception {
		long started = System.nanoTime();
		HttpResponse<String> response = send(
				get("/api/payments/tx-1").header("Authorization", "Bearer " + TestTokens.admin()).build());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		problem(response, 503);
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(took).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void answersServiceThatDiesMidRequestWithServiceUnavailable() throws Exception {
		HttpResponse<String> response = send(
				request("/api/orders/die").header("Authorization", "Bearer " + TestTokens.customer("alice"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{}"))
					.build());

		assertThat(problem(response, 503).path("detail").asString()).contains("closed the connection");
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(orders.requestsTo("/api/orders/die")).isEqualTo(1);
	}

	@Test
	void timesOutHangingServiceAndThenFailsFastWithOpenCircuit() throws Exception {
		HttpRequest hanging = get("/api/orders/hang").header("Authorization", "Bearer " + TestTokens.admin()).build();
		for (int i = 0; i < 4; i++) {
			long started = System.nanoTime();
			HttpResponse<String> response = send(hanging);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
			assertThat(response.statusCode()).isIn(503, 504);
			problem(response, response.statusCode());
		}
		long callsBefore = orders.requestsTo("/api/orders/hang");

		long started = System.nanoTime();
		HttpResponse<String> failFast = send(hanging);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		problem(failFast, 503);
		assertThat(failFast.headers().firstValue("Retry-After")).isPresent();
		assertThat(took).isLessThan(Duration.ofMillis(500));
		assertThat(orders.requestsTo("/api/orders/hang")).isEqualTo(callsBefore);
	}

	@Test
	void holdsCallThatWaitsForAnOrderOutcomeBeyondTheTimeoutAndForwardsThePreference() throws Exception {
		long started = System.nanoTime();
		HttpResponse<String> response = send(
				get("/api/orders/slow").header("Authorization", "Bearer " + TestTokens.customer("alice"))
					.header("Prefer", "wait=10")
					.build());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(took).isGreaterThanOrEqualTo(DownstreamStub.SLOW_ANSWER);
		assertThat(orders.requests()).anySatisfy((headers) -> {
			assertThat(headers.getFirst("X-Stub-Path")).isEqualTo("/api/orders/slow");
			assertThat(headers.getFirst("Prefer")).isEqualTo("wait=10");
		});
	}

	@Test
	void cutsWaitingCallToHangingServiceAtTheWaitTimeout() throws Exception {
		long started = System.nanoTime();
		HttpResponse<String> response = send(
				get("/api/orders/hang").header("Authorization", "Bearer " + TestTokens.customer("alice"))
					.header("Prefer", "wait=10")
					.build());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(response.statusCode()).isIn(503, 504);
		problem(response, response.statusCode());
		assertThat(took).isBetween(Duration.ofMillis(2500), Duration.ofMillis(6000));
	}

	@Test
	void refusesTooLargeBodyWithProblem() throws Exception {
		HttpResponse<String> response = send(
				request("/api/products/SKU-1/stock").header("Authorization", "Bearer " + TestTokens.admin())
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"pad\":\"" + "x".repeat(100_000) + "\"}"))
					.build());

		problem(response, 413);
	}

	@Test
	void refusesTooLargeChunkedBodyWithProblemWhileItStreams() throws Exception {
		// no length: the client sends the body chunked, without Content-Length
		HttpResponse<String> response = send(
				request("/api/products/SKU-1/stock").header("Authorization", "Bearer " + TestTokens.admin())
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[200_000])))
					.build());

		problem(response, 413);
	}

	@Test
	void answersCorsPreflightForAllowedOrigin() throws Exception {
		HttpResponse<String> response = send(request("/api/orders").header("Origin", "https://shop.example")
			.header("Access-Control-Request-Method", "POST")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
	}

	@Test
	void hasNoDevTokenIssuerOutsideTheLocalProfile() throws Exception {
		HttpResponse<String> response = send(request("/dev/token").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"alice\"}"))
			.build());

		assertThat(response.statusCode()).isIn(404, 405);
		problem(response, response.statusCode());
		assertThat(send(get("/.well-known/jwks.json").build()).statusCode()).isEqualTo(404);
	}

	@Test
	void sendsSecurityHeaders() throws Exception {
		HttpResponse<String> response = send(get("/api/products").build());

		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20));
	}

	private HttpRequest.Builder get(String path) {
		return request(path).GET();
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		problem(response, 401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
	}

	static JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("type").asString()).startsWith("https://shopflow.dev/problems/");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("eyJ");
		return problem;
	}

}
