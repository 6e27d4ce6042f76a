package dev.shopflow.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.shopflow.gateway.GatewayRoutingIntegrationTests.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cheap refusals under overload: once order-service refused a placement as saturated, the
 * gateway refuses the next ones itself for the hold, with the same problem and
 * {@code Retry-After}, without asking the service (nor checking the token); reads go on,
 * and after the hold placements reach the service again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "shopflow.gateway.saturation-hold=2s")
@Import(TestTokens.ReactiveDecoder.class)
class GatewayPlacementLatchIntegrationTests {

	private static final String SATURATED = """
			{ "type": "https://shopflow.dev/problems/saga-pipeline-saturated",
			  "title": "Too many orders in progress", "status": 503 }""";

	private static final DownstreamStub orders = DownstreamStub.start()
		.answer("/api/orders", 503, SATURATED)
		.answer("/api/orders/o-1", "{\"status\":\"PENDING\"}");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("ORDER_SERVICE_URL", orders::url);
		registry.add("INVENTORY_SERVICE_URL", DownstreamStub::stoppedServiceUrl);
		registry.add("PAYMENT_SERVICE_URL", DownstreamStub::stoppedServiceUrl);
	}

	@AfterAll
	static void stopStub() {
		orders.close();
	}

	@Test
	void refusesPlacementsItselfWhileOrderServiceIsSaturatedThenForwardsAgain() throws Exception {
		HttpResponse<String> first = send(placement(TestTokens.customer("alice")));
		problem(first, 503);
		assertThat(orders.requestsTo("/api/orders")).isOne();

		HttpResponse<String> second = send(placement(TestTokens.customer("bob")));
		assertThat(problem(second, 503).path("type").asString())
			.isEqualTo("https://shopflow.dev/problems/saga-pipeline-saturated");
		assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
		// refused before the token is checked: no signature verified, no proxy hop
		HttpResponse<String> anonymous = send(placement(null));
		problem(anonymous, 503);
		assertThat(orders.requestsTo("/api/orders")).isOne();

		// reads are not held
		HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/api/orders/o-1"))
			.header("Authorization", "Bearer " + TestTokens.customer("alice"))
			.GET());
		assertThat(read.statusCode()).isEqualTo(200);

		orders.answer("/api/orders", 202, "{\"id\":\"o-2\"}");
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> send(placement(TestTokens.customer("carol"))).statusCode() == 202);
		assertThat(orders.requestsTo("/api/orders")).isEqualTo(2);
	}

	private HttpRequest.Builder placement(String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/orders"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"items\":[{\"sku\":\"BOOK-1\",\"quantity\":1}],\"paymentToken\":\"tok_visa\"}"));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
