package dev.shopflow.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.shopflow.psp.PspSimulatorApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real psp-simulator, started once per test JVM in-process on a random port (calls
 * still go over HTTP), and a small HTTP client to inject faults and audit charges.
 * {@link #start()} publishes its URL as the system property {@code psp.test.url}, which
 * the test configuration hands to payment-service.
 */
public final class PspSimulatorServer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	// the simulator needs none of payment-service's infrastructure on the shared
	// classpath
	private static final String EXCLUDED = String.join(",",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
			"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
			"dev.shopflow.defaults.security.ServletSecurityAutoConfiguration");

	// the simulator's admin endpoints (faults, statistics) need it
	private static final String ADMIN_TOKEN = "payment-tests-admin-token";

	private static String url;

	private PspSimulatorServer() {
	}

	/** Starts the simulator unless it runs already. */
	public static synchronized void start() {
		if (url != null) {
			return;
		}
		ConfigurableApplicationContext simulator = new SpringApplicationBuilder(PspSimulatorApplication.class)
			.properties("server.port=0", "spring.config.name=psp-simulator-in-tests",
					"spring.application.name=psp-simulator", "spring.autoconfigure.exclude=" + EXCLUDED,
					"spring.main.banner-mode=off", "shopflow.psp.timeout-hold=5s",
					"shopflow.psp.admin.token=" + ADMIN_TOKEN)
			.run();
		int port = ((WebServerApplicationContext) simulator).getWebServer().getPort();
		url = "http://localhost:" + port;
		System.setProperty("psp.test.url", url);
	}

	/**
	 * Replaces the injected faults.
	 * @param json the faults, e.g. {@code {"failNextCalls":2}}; {@code {}} for none
	 */
	public static void faults(String json) {
		HttpResponse<String> response = send(admin("/admin/faults").header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(json))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	/**
	 * The charges the provider recorded for a reference (a transaction id).
	 * @param reference the reference
	 * @return the charges
	 */
	public static JsonNode charges(String reference) {
		return JSON.readTree(send(request("/v1/charges?reference=" + reference).GET().build()).body()).path("items");
	}

	/**
	 * How many charge calls with an idempotency key reached the provider.
	 * @param key the key (a transaction id)
	 * @return the count
	 */
	public static long chargeCalls(String key) {
		return stats(key).path("chargeCallsForKey").asLong();
	}

	/**
	 * How many charge calls reached the provider in all.
	 * @return the count
	 */
	public static long allChargeCalls() {
		return stats("-").path("chargeCalls").asLong();
	}

	/**
	 * The most charge calls the provider handled at once since
	 * {@link #measureConcurrencyAfresh()}.
	 * @return the count
	 */
	public static long maxConcurrentCharges() {
		return stats("-").path("maxConcurrentCharges").asLong();
	}

	/** Starts measuring {@link #maxConcurrentCharges()} afresh. */
	public static void measureConcurrencyAfresh() {
		assertThat(send(admin("/admin/stats/max-concurrent-charges").DELETE().build()).statusCode()).isEqualTo(204);
	}

	/**
	 * Charges at the provider directly, as payment-service would.
	 * @param transactionId the idempotency key and reference
	 * @param amountMinor the amount
	 * @param token the token
	 * @return the charge
	 */
	public static JsonNode chargeDirectly(String transactionId, long amountMinor, String token) {
		HttpResponse<String> response = send(request("/v1/charges").header("Content-Type", "application/json")
			.header("Idempotency-Key", transactionId)
			.POST(BodyPublishers.ofString("{\"amountMinor\":" + amountMinor + ",\"currency\":\"EUR\",\"token\":\""
					+ token + "\",\"reference\":\"" + transactionId + "\"}"))
			.build());
		assertThat(response.statusCode()).isEqualTo(201);
		return JSON.readTree(response.body());
	}

	private static JsonNode stats(String key) {
		return JSON.readTree(send(admin("/admin/stats?idempotencyKey=" + key).GET().build()).body());
	}

	private static HttpRequest.Builder admin(String path) {
		return request(path).header("Authorization", "Bearer " + ADMIN_TOKEN);
	}

	private static HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10));
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException("psp-simulator did not answer " + request.uri(), ex);
		}
	}

}
