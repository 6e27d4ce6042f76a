package dev.shopflow.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.shopflow.gateway.GatewayRoutingIntegrationTests.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as the local run starts it: the dev token issuer, its key set, per-caller
 * rate limits (in memory, small here; the test client stands for a trusted proxy whose
 * {@code X-Forwarded-For} names anonymous callers) and the one Swagger UI over the
 * services' documents.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "shopflow.gateway.rate-limit.replenish-rate=1", "shopflow.gateway.rate-limit.burst-capacity=3",
				"shopflow.gateway.trusted-proxies=127.0.0.1,::1" })
@ActiveProfiles("local")
class GatewayLocalModeIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DownstreamStub inventory = DownstreamStub.start()
		.answer("/v3/api-docs", "{\"openapi\":\"3.1.0\",\"paths\":{\"/api/products\":{\"get\":{}}}}");

	private static final DownstreamStub orders = DownstreamStub.start();

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NORMAL)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("INVENTORY_SERVICE_URL", inventory::url);
		registry.add("ORDER_SERVICE_URL", orders::url);
		registry.add("PAYMENT_SERVICE_URL", orders::url);
	}

	@AfterAll
	static void stopStubs() {
		inventory.close();
		orders.close();
	}

	@Test
	void issuesDevTokensTheGatewayAccepts() throws Exception {
		String token = devToken("{\"sub\":\"dev-alice\",\"roles\":[\"customer\"],\"ttlSeconds\":600}");

		HttpResponse<String> response = send(get("/api/orders").header("Authorization", "Bearer " + token).build());

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void refusesBadDevTokenRequestsWithProblems() throws Exception {
		problem(send(post("/dev/token", "{\"sub\":\"mallory\",\"roles\":[\"root\"]}")), 400);
		problem(send(post("/dev/token", "{\"sub\":\"\"}")), 400);
		problem(send(post("/dev/token", "{\"sub\":\"alice\",\"ttlSeconds\":0}")), 400);
		problem(send(post("/dev/token", "{not json")), 400);
	}

	@Test
	void publishesOnlyThePublicKey() throws Exception {
		JsonNode keys = JSON.readTree(send(get("/.well-known/jwks.json").build()).body()).path("keys");

		assertThat(keys).hasSize(1);
		assertThat(keys.get(0).path("kty").asString()).isEqualTo("RSA");
		assertThat(keys.get(0).has("d")).isFalse();
	}

	@Test
	void limitsEachCallerSeparately() throws Exception {
		String greedy = devToken("{\"sub\":\"greedy\",\"roles\":[\"customer\"]}");
		String patient = devToken("{\"sub\":\"patient\",\"roles\":[\"customer\"]}");
		List<HttpResponse<String>> burst = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			burst.add(send(get("/api/orders").header("Authorization", "Bearer " + greedy).build()));
		}

		HttpResponse<String> limited = burst.stream().filter((r) -> r.statusCode() == 429).findFirst().orElseThrow();
		problem(limited, 429);
		assertThat(limited.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isPositive());
		assertThat(send(get("/api/orders").header("Authorization", "Bearer " + patient).build()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void limitsAnonymousCallersBehindATrustedProxyEachByTheAddressTheProxySaw() throws Exception {
		List<HttpResponse<String>> burst = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			// the client writes its own (each time another) entry; the proxy appends what
			// it saw
			burst.add(
					send(get("/api/products").header("X-Forwarded-For", "198.51.100." + i + ", 203.0.113.10").build()));
		}

		HttpResponse<String> limited = burst.stream().filter((r) -> r.statusCode() == 429).findFirst().orElseThrow();
		problem(limited, 429);
		assertThat(send(get("/api/products").header("X-Forwarded-For", "203.0.113.20").build()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void servesOneSwaggerUiOverTheServicesDocuments() throws Exception {
		HttpResponse<String> ui = send(get("/swagger-ui.html").build());
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).containsIgnoringCase("swagger");

		JsonNode config = JSON.readTree(send(get("/v3/api-docs/swagger-config").build()).body());
		assertThat(config.path("urls").findValuesAsString("name")).contains("inventory-service", "order-service",
				"payment-service");

		HttpResponse<String> inventoryDocs = send(get("/api-docs/inventory").build());
		assertThat(inventoryDocs.statusCode()).isEqualTo(200);
		assertThat(inventoryDocs.body()).contains("/api/products");
	}

	private String devToken(String request) throws Exception {
		HttpResponse<String> response = send(post("/dev/token", request));
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).path("token").asString();
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.GET();
	}

	private HttpRequest post(String path, String json) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
