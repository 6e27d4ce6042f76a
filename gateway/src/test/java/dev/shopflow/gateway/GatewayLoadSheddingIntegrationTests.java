package dev.shopflow.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
 * Load shedding at the front door: a route with its concurrency limit in use refuses the
 * next call at once with a 503 problem and {@code Retry-After}, without calling the
 * service, while other routes keep serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "shopflow.gateway.timeout=10s", "shopflow.gateway.max-concurrent-calls=2" })
@Import(TestTokens.ReactiveDecoder.class)
class GatewayLoadSheddingIntegrationTests {

	private static final DownstreamStub orders = DownstreamStub.start();

	private static final DownstreamStub inventory = DownstreamStub.start();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("ORDER_SERVICE_URL", orders::url);
		registry.add("INVENTORY_SERVICE_URL", inventory::url);
		registry.add("PAYMENT_SERVICE_URL", DownstreamStub::stoppedServiceUrl);
	}

	@AfterAll
	static void stopStubs() {
		orders.close();
		inventory.close();
	}

	@Test
	void refusesTheCallBeyondTheRoutesLimitAtOnceWithoutCallingTheService() throws Exception {
		HttpRequest hanging = request("/api/orders/hang");
		List<CompletableFuture<HttpResponse<String>>> inFlight = List.of(
				this.http.sendAsync(hanging, HttpResponse.BodyHandlers.ofString()),
				this.http.sendAsync(hanging, HttpResponse.BodyHandlers.ofString()));
		await().atMost(Duration.ofSeconds(10)).until(() -> orders.requestsTo("/api/orders/hang") == 2);

		long started = System.nanoTime();
		HttpResponse<String> refused = this.http.send(request("/api/orders/other"),
				HttpResponse.BodyHandlers.ofString());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		problem(refused, 503);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(took).isLessThan(Duration.ofSeconds(2));
		assertThat(orders.requestsTo("/api/orders/other")).isZero();
		// another route has its own limit
		assertThat(this.http.send(request("/api/products"), HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(200);
		assertThat(inFlight).allSatisfy((call) -> assertThat(call).isNotDone());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + TestTokens.admin())
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
	}

}
