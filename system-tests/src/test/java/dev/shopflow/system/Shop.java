package dev.shopflow.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.shopflow.localrun.DemoCatalogue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client of the running stack, through the gateway as a shop front-end would call it.
 */
final class Shop {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NORMAL)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String gateway;

	private final String pspUrl;

	Shop(String gateway, String pspUrl) {
		this.gateway = gateway;
		this.pspUrl = pspUrl;
	}

	String token(String subject, String role) throws IOException, InterruptedException {
		return DemoCatalogue.devToken(this.http, this.gateway, subject, role);
	}

	HttpResponse<String> createProduct(String adminToken, String sku, long price, int stock) throws Exception {
		return send(request("/api/products", adminToken).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"name\":\"System test " + sku
					+ "\",\"unitPriceMinor\":" + price + ",\"initialStock\":" + stock + "}"))
			.build());
	}

	HttpResponse<String> get(String path) throws Exception {
		return send(request(path, null).GET().build());
	}

	HttpResponse<String> product(String sku) throws Exception {
		return send(request("/api/products/" + sku, null).GET().build());
	}

	HttpResponse<String> placeOrder(String token, String idempotencyKey, String sku, int quantity, String cardToken)
			throws Exception {
		String body = "{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
				+ "}],\"paymentMethod\":{\"token\":\"" + cardToken + "\"}}";
		return send(request("/api/orders", token).header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	HttpResponse<String> placeTracedOrder(String token, String sku, int quantity, String cardToken, String traceparent)
			throws Exception {
		String body = "{\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
				+ "}],\"paymentMethod\":{\"token\":\"" + cardToken + "\"}}";
		return send(request("/api/orders", token).header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.header("traceparent", traceparent)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	HttpResponse<String> get(String path, String token, String traceparent) throws Exception {
		HttpRequest.Builder request = request(path, token).GET();
		return send((traceparent != null) ? request.header("traceparent", traceparent).build() : request.build());
	}

	UUID placeOrder(String token, String sku, int quantity, String cardToken) throws Exception {
		HttpResponse<String> response = placeOrder(token, UUID.randomUUID().toString(), sku, quantity, cardToken);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return UUID.fromString(JSON.readTree(response.body()).path("id").asString());
	}

	JsonNode order(String token, UUID orderId) throws Exception {
		HttpResponse<String> response = send(request("/api/orders/" + orderId, token).GET().build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	JsonNode awaitFinal(String token, UUID orderId, String status) {
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> order(token, orderId), (order) -> status.equals(order.path("status").asString()));
	}

	HttpResponse<String> cancel(String token, UUID orderId) throws Exception {
		return send(
				request("/api/orders/" + orderId + "/cancel", token).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	JsonNode charges(String reference) throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.pspUrl + "/v1/charges?reference=" + reference))
					.timeout(Duration.ofSeconds(10))
					.GET()
					.build());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).path("items");
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.gateway + path))
			.timeout(Duration.ofSeconds(30));
		return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
	}

	HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
