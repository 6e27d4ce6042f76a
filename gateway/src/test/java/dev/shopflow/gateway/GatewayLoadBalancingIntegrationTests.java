package dev.shopflow.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of a service behind the gateway (a comma-separated
 * {@code ..._SERVICE_URL}): calls are balanced between them, and when one refuses
 * connections the idempotent calls - reads, and placements, which carry an
 * {@code Idempotency-Key} - go to the other, while the route's circuit stays closed (a
 * low failure threshold: had the circuit counted each refused attempt, it would open).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "shopflow.gateway.minimum-calls=4", "shopflow.gateway.failure-rate-threshold=20",
				"shopflow.gateway.open-duration=30s" })
@Import(TestTokens.ReactiveDecoder.class)
class GatewayLoadBalancingIntegrationTests {

	private static final DownstreamStub inventoryOne = DownstreamStub.start();

	private static final DownstreamStub inventoryTwo = DownstreamStub.start();

	private static final DownstreamStub orders = DownstreamStub.start();

	private static final DownstreamStub payments = DownstreamStub.start();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("INVENTORY_SERVICE_URL", () -> inventoryOne.url() + "," + inventoryTwo.url());
		// the first order-service instance is down: nothing listens on its port
		registry.add("ORDER_SERVICE_URL", () -> DownstreamStub.stoppedServiceUrl() + "," + orders.url());
		registry.add("PAYMENT_SERVICE_URL", () -> DownstreamStub.stoppedServiceUrl() + "," + payments.url());
	}

	@AfterAll
	static void stopStubs() {
		inventoryOne.close();
		inventoryTwo.close();
		orders.close();
		payments.close();
	}

	@Test
	void balancesCallsBetweenTheInstances() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(send(request("/api/products/BALANCED").GET()).statusCode()).isEqualTo(200);
		}

		assertThat(inventoryOne.requestsTo("/api/products/BALANCED")).isEqualTo(5);
		assertThat(inventoryTwo.requestsTo("/api/products/BALANCED")).isEqualTo(5);
	}

	@Test
	void sendsReadsAndPlacementsToTheOtherInstanceWhenOneRefusesConnections() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			statuses.add(send(request("/api/orders/read-" + i).GET()).statusCode());
			String body = "{\"placement\":" + i + "}";
			statuses.add(send(request("/api/orders").header("Idempotency-Key", "key-" + i)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))).statusCode());
		}

		assertThat(statuses).containsOnly(200);
		List<String> placements = orders.requests()
			.stream()
			.filter((headers) -> "POST".equals(headers.getFirst("X-Stub-Method")))
			.map((headers) -> headers.getFirst("X-Stub-Body"))
			.toList();
		assertThat(placements).hasSize(10).allSatisfy((body) -> assertThat(body).startsWith("{\"placement\":"));
		// each call reached the live instance once: the circuit saw successes only
		assertThat(send(request("/api/orders/after").GET()).statusCode()).isEqualTo(200);
	}

	@Test
	void neverSendsAPostWithoutIdempotencyKeyTwice() throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			statuses.add(send(request("/api/payments/tx-" + i + "/refund").POST(HttpRequest.BodyPublishers.noBody()))
				.statusCode());
		}

		// round robin: every other cancel went to the stopped instance and was not
		// retried
		assertThat(statuses).containsOnly(200, 503).contains(503);
		long answered = statuses.stream().filter((status) -> status == 200).count();
		long reached = payments.requests().size();
		assertThat(reached).isEqualTo(answered);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + TestTokens.admin())
			.timeout(Duration.ofSeconds(10));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
