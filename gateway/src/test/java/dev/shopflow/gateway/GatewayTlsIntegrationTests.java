package dev.shopflow.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import dev.shopflow.testsupport.TestCertificates;
import dev.shopflow.testsupport.TestCertificates.Authority;
import dev.shopflow.testsupport.TestCertificates.Issued;
import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The TLS switch turned on ({@code SHOPFLOW_TLS_*}, PEM files of a test CA made at run
 * time): the gateway serves HTTPS with its certificate, and routes to https:// services
 * only when their certificates chain to the trusted CA and name the host they are reached
 * by; otherwise the caller gets a 502 problem at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "shopflow.gateway.timeout=5s", "shopflow.gateway.minimum-calls=100" })
@Import(TestTokens.ReactiveDecoder.class)
class GatewayTlsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Authority TRUSTED = TestCertificates.authority("Shopflow test CA");

	private static final Authority STRANGER = TestCertificates.authority("Someone else's CA");

	private static final Path FILES = temporaryDirectory();

	/**
	 * A service with a certificate of the trusted CA for the address it is reached by.
	 */
	private static final DownstreamStub inventory = DownstreamStub
		.startHttps(TRUSTED.issue("localhost", "127.0.0.1").servingContext())
		.answer("/api/products", "{\"items\":[],\"page\":0,\"size\":20,\"totalItems\":0}");

	/** A certificate for the right address, but from a CA the gateway does not trust. */
	private static final DownstreamStub orders = DownstreamStub
		.startHttps(STRANGER.issue("localhost", "127.0.0.1").servingContext());

	/** A certificate of the trusted CA, but for another host. */
	private static final DownstreamStub payments = DownstreamStub
		.startHttps(TRUSTED.issue("payments.elsewhere.example").servingContext());

	private final HttpClient http = HttpClient.newBuilder()
		.sslContext(TRUSTED.trustingContext())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		Issued gateway = TRUSTED.issue("localhost", "127.0.0.1");
		Issued.PemFiles files = gateway.written(FILES, "gateway");
		registry.add("SHOPFLOW_TLS_ENABLED", () -> "true");
		registry.add("SHOPFLOW_TLS_CERTIFICATE", () -> files.certificate().toString());
		registry.add("SHOPFLOW_TLS_PRIVATE_KEY", () -> files.privateKey().toString());
		registry.add("SHOPFLOW_TLS_TRUST", () -> TRUSTED.writeCertificate(FILES.resolve("ca.crt")).toString());
		registry.add("INVENTORY_SERVICE_URL", inventory::url);
		registry.add("ORDER_SERVICE_URL", orders::url);
		registry.add("PAYMENT_SERVICE_URL", payments::url);
	}

	@AfterAll
	static void stopStubs() {
		inventory.close();
		orders.close();
		payments.close();
		FileSystemUtils.deleteRecursively(FILES.toFile());
	}

	@Test
	void routesOverTlsToAServiceWhoseCertificateItTrusts() throws Exception {
		HttpResponse<String> response = get("/api/products");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("totalItems");
		assertThat(inventory.requestsTo("/api/products")).isEqualTo(1);
	}

	@Test
	void refusesAServiceCertificateOfAnUntrustedAuthority() throws Exception {
		assertBadGateway(get("/api-docs/orders"));
		assertThat(orders.requestsTo("/v3/api-docs")).isZero();
	}

	@Test
	void refusesAServiceCertificateForAnotherHost() throws Exception {
		assertBadGateway(get("/api-docs/payments"));
		assertThat(payments.requestsTo("/v3/api-docs")).isZero();
	}

	@Test
	void servesItsOwnCertificateWhichClientsOfOtherAuthoritiesRefuse() {
		HttpClient stranger = HttpClient.newBuilder()
			.sslContext(STRANGER.trustingContext())
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> stranger.send(
				HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/api/products")).build(),
				HttpResponse.BodyHandlers.ofString()));
	}

	private void assertBadGateway(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("type").asString()).endsWith("bad-gateway");
		assertThat(problem.path("status").asInt()).isEqualTo(502);
		assertThat(response.body()).doesNotContain("Exception");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("shopflow-tls");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
