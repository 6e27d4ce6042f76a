package dev.shopflow.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Shopflow HTTP service promises operators and clients, checked against the
 * running application: probes without details on the public port, which serves no other
 * actuator endpoint; probes and Prometheus metrics on the management port; problem
 * answers for paths that do not exist. A service's integration test extends it and adds
 * its own.
 */
public abstract class ServiceContract {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	protected int port;

	/**
	 * The actuator's port: the applications set one of their own, so a RANDOM_PORT test
	 * gets a random one, as for the server's.
	 */
	@LocalManagementPort
	protected int managementPort;

	@Test
	void answersUnknownPathWithNotFoundProblem() throws Exception {
		HttpResponse<String> response = send(request("/nope").GET().build());

		assertThat(response.statusCode()).isEqualTo(404);
		assertProblem(response, 404);
	}

	@Test
	void reportsLivenessAndReadinessOnThePublicPortWithoutDetails() throws Exception {
		for (String probe : List.of("/livez", "/readyz")) {
			HttpResponse<String> response = send(request(probe).GET().build());

			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			JsonNode health = JSON.readTree(response.body());
			assertThat(health.path("status").asString()).as(probe).isEqualTo("UP");
			assertThat(health.size()).as(probe + ": " + response.body()).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
			"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.threads.live", "/actuator/info",
			"/actuator/env", "/actuator/configprops", "/actuator/beans", "/actuator/loggers", "/actuator/heapdump",
			"/actuator/threaddump", "/actuator/gateway/routes" })
	void servesNoActuatorEndpointOnThePublicPort(String path) throws Exception {
		assertProblem(send(request(path).GET().build()), 404);
	}

	@Test
	void servesProbesAndMetricsOnTheManagementPort() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> response = send(management(probe).GET().build());

			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(response.body()).as(probe).contains("\"UP\"");
		}
		HttpResponse<String> metrics = send(management("/actuator/metrics").GET().build());
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm.memory.used");
	}

	@Test
	void exposesPrometheusMetricsOnTheManagementPortWithoutToken() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(managementUri("/actuator/prometheus")).timeout(Duration.ofSeconds(30)).build());

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
	 * A request builder for a path of the application's management port (the actuator),
	 * with the token of {@link #bearerToken()}.
	 * @param path the path, e.g. {@code /actuator/prometheus}
	 * @return the builder
	 */
	protected HttpRequest.Builder management(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(managementUri(path)).timeout(Duration.ofSeconds(30));
		String token = bearerToken();
		return (token != null) ? builder.header("Authorization", "Bearer " + token) : builder;
	}

	private URI managementUri(String path) {
		return URI.create("http://localhost:" + this.managementPort + path);
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
