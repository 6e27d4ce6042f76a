package dev.shopflow.order;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client of the orders API of one running order-service, for tests. */
public final class OrderApi {

	/** The JSON mapper of the tests. */
	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	public OrderApi(int port) {
		this.port = port;
	}

	/**
	 * An order body.
	 * @param token the payment token
	 * @param lines sku and quantity, alternating: {@code "SKU-1", 2, "SKU-2", 1}
	 * @return the JSON
	 */
	public static String orderBody(String token, Object... lines) {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < lines.length; i += 2) {
			items.add("{\"sku\":\"" + lines[i] + "\",\"quantity\":" + lines[i + 1] + "}");
		}
		return "{\"items\":[" + String.join(",", items) + "],\"paymentMethod\":{\"token\":\"" + token + "\"}}";
	}

	/**
	 * A fresh sku, so that tests never share catalogue data.
	 * @return the sku
	 */
	public static String sku() {
		return "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

	public HttpResponse<String> place(String token, String idempotencyKey, String body) {
		HttpRequest.Builder request = request("/api/orders", token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request.build());
	}

	/**
	 * Places an order that must be accepted.
	 * @param token the caller's JWT
	 * @param body the order
	 * @return the order's id
	 */
	public UUID placeAccepted(String token, String body) {
		HttpResponse<String> response = place(token, UUID.randomUUID().toString(), body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return UUID.fromString(JSON.readTree(response.body()).path("id").asString());
	}

	public HttpResponse<String> get(String token, String path) {
		return get(token, path, Map.of());
	}

	public HttpResponse<String> get(String token, String path, Map<String, String> headers) {
		HttpRequest.Builder request = request(path, token);
		headers.forEach(request::header);
		return send(request.GET().build());
	}

	/**
	 * Reads an order with {@code Prefer: wait}, without blocking the test.
	 * @param token the caller's JWT
	 * @param orderId the order
	 * @param prefer the {@code Prefer} header's value
	 * @return the answer, once it comes
	 */
	public CompletableFuture<HttpResponse<String>> orderWaiting(String token, UUID orderId, String prefer) {
		return this.http.sendAsync(request("/api/orders/" + orderId, token).header("Prefer", prefer).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> post(String token, String path) {
		return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	/**
	 * Reads an order that must exist.
	 * @param token the caller's JWT
	 * @param orderId the order
	 * @return its JSON
	 */
	public JsonNode order(String token, UUID orderId) {
		HttpResponse<String> response = get(token, "/api/orders/" + orderId);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/**
	 * Waits until an order has a status.
	 * @param token the caller's JWT
	 * @param orderId the order
	 * @param status the status
	 * @return the order's JSON
	 */
	public JsonNode awaitStatus(String token, UUID orderId, String status) {
		return await().atMost(15, TimeUnit.SECONDS)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> order(token, orderId), (order) -> status.equals(order.path("status").asString()));
	}

	/**
	 * The steps of an order's timeline.
	 * @param token the caller's JWT
	 * @param orderId the order
	 * @return the step names, oldest first
	 */
	public List<String> timelineSteps(String token, UUID orderId) {
		HttpResponse<String> response = get(token, "/api/orders/" + orderId + "/timeline");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<String> steps = new ArrayList<>();
		JSON.readTree(response.body()).forEach((entry) -> steps.add(entry.path("step").asString()));
		return steps;
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
