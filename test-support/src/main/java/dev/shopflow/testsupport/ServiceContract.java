package dev.shopflow.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Shopflow HTTP service promises operators and clients, checked against the
 * running application: probes, Prometheus metrics and problem answers for paths that do
 * not exist. A service's integration test extends it and adds its own.
 */
public abstract class ServiceContract {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	protected int port;

	@Test
	void answersUnknownPathWithNotFoundProblem() throws Exception {
		HttpResponse<String> response = send(request("/nope").GET().build());

		assertThat(response.statusCode()).isEqualTo(404);
		assertProblem(response, 404);
	}

	@Test
	void reportsLivenessAndReadiness() throws Exception {
		assertThat(send(request("/actuator/health/liveness").GET().build()).body()).contains("\"UP\"");
		assertThat(send(request("/actuator/health/readiness").GET().build()).body()).contains("\"UP\"");
	}

	@Test
	void exposesPrometheusMetrics() throws Exception {
		HttpResponse<String> response = send(request("/actuator/prometheus").GET().build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes");
	}

	/**
	 * Asserts that a {@code POST} of a body over the service's 1 MB limit is refused with
	 * a 413 problem, both when its {@code Content-Length} says so and when it comes
	 * chunked (no length: it is cut off as it streams, before it can fill the heap).
	 * @param path a path whose {@code POST} reads a JSON body
	 */
	protected void assertRefusesOversizedBodies(String path) throws IOException, InterruptedException {
		// 1.5 MB of JSON whitespace: valid up to the limit, read on and on
		byte[] body = " ".repeat(1536 * 1024).getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> declared = send(request(path).header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build());
		HttpResponse<String> streamed = send(request(path).header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build());

		assertProblem(declared, 413);
		assertProblem(streamed, 413);
	}

	/**
	 * A request builder for a path of the application under test.
	 * @param path the path, e.g. {@code /api/products}
	 * @return the builder
	 */
	protected HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
		String token = bearerToken();
		return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
	}

	/**
	 * The token {@link #request(String)} sends, or {@code null} for none (the default).
	 * @return a JWT, e.g. from {@link TestTokens}
	 */
	protected String bearerToken() {
		return null;
	}

	/**
	 * Sends a request and reads the body as text.
	 * @param request the request
	 * @return the response
	 */
	protected HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Asserts that a response is an RFC 9457 problem with the given status.
	 * @param response the response
	 * @param status the expected status
	 * @return the problem's JSON
	 */
	public static JsonNode assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("type").asString()).startsWith("https://shopflow.dev/problems/");
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.has("detail")).isTrue();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
		return problem;
	}

}
