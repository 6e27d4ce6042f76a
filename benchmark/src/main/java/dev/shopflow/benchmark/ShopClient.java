package dev.shopflow.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.shopflow.localrun.DemoCatalogue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack as its clients see it: the gateway (tokens, catalogue, orders) and, for the
 * audit, the payment simulator. Order calls are asynchronous; their callbacks run on
 * virtual threads.
 */
final class ShopClient implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final ExecutorService callbacks = Executors.newVirtualThreadPerTaskExecutor();

	// HTTP/1.1 like a browser or mobile client behind a load balancer; no h2c upgrade
	// attempts on every new connection
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(this.callbacks)
		.build();

	private final String gateway;

	private final String psp;

	ShopClient(String gateway, String psp) {
		this.gateway = gateway;
		this.psp = psp;
	}

	ExecutorService callbacks() {
		return this.callbacks;
	}

	String token(String subject, String role) throws IOException, InterruptedException {
		return DemoCatalogue.devToken(this.http, this.gateway, subject, role);
	}

	HttpResponse<String> createProduct(String adminToken, String sku, long unitPriceMinor, long initialStock)
			throws IOException, InterruptedException {
		String body = "{\"sku\":\"" + sku + "\",\"name\":\"Benchmark product " + sku + "\",\"unitPriceMinor\":"
				+ unitPriceMinor + ",\"initialStock\":" + initialStock + "}";
		return this.http.send(gatewayRequest("/api/products", adminToken).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> product(String sku) throws IOException, InterruptedException {
		return this.http.send(gatewayRequest("/api/products/" + sku, null).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	CompletableFuture<HttpResponse<String>> placeOrder(String token, String idempotencyKey, String body) {
		return this.http.sendAsync(gatewayRequest("/api/orders", token).header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	CompletableFuture<HttpResponse<String>> order(String token, String orderId, Duration wait) {
		HttpRequest.Builder request = gatewayRequest("/api/orders/" + orderId, token).GET();
		if (!wait.isZero()) {
			request.header("Prefer", "wait=" + wait.toSeconds());
		}
		return this.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Charges at the simulator.
	 * @param reference one reference, or {@code null} for all charges
	 * @return the {@code items}
	 */
	JsonNode charges(String reference) throws IOException, InterruptedException {
		String query = (reference != null) ? "?reference=" + reference : "";
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.psp + "/v1/charges" + query))
				.timeout(Duration.ofMinutes(2))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Charges of the simulator: " + response.statusCode());
		}
		return JSON.readTree(response.body()).path("items");
	}

	private HttpRequest.Builder gatewayRequest(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.gateway + path)).timeout(REQUEST_TIMEOUT);
		return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
	}

	/**
	 * How customers poll pending orders.
	 *
	 * @param interval the interval while the order is young
	 * @param backOffAfter the age after which the interval doubles at each poll (up to 2
	 * s)
	 * @param outcomeWait how long each status request asks to be held until the order is
	 * decided ({@code Prefer: wait}); zero: plain polling
	 */
	record Polling(Duration interval, Duration backOffAfter, Duration outcomeWait) {

	}

	@Override
	public void close() {
		// abandoned polls must not hold the end of the run
		this.http.shutdownNow();
		this.callbacks.shutdownNow();
	}

}
