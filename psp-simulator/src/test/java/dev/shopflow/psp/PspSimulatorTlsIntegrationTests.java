package dev.shopflow.psp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.shopflow.testsupport.TestCertificates;
import dev.shopflow.testsupport.TestCertificates.Authority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet application with the TLS switch on ({@code SHOPFLOW_TLS_*}, PEM files of a
 * test CA made at run time): it serves its API over HTTPS with the configured
 * certificate, while a separate management port stays plain HTTP for the platform's
 * probes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PspSimulatorTlsIntegrationTests {

	private static final Authority TRUSTED = TestCertificates.authority("Shopflow test CA");

	private static final Path FILES = temporaryDirectory();

	private final HttpClient https = HttpClient.newBuilder()
		.sslContext(TRUSTED.trustingContext())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		TestCertificates.Issued.PemFiles files = TRUSTED.issue("localhost", "127.0.0.1").written(FILES, "psp");
		registry.add("SHOPFLOW_TLS_ENABLED", () -> "true");
		registry.add("SHOPFLOW_TLS_CERTIFICATE", () -> files.certificate().toString());
		registry.add("SHOPFLOW_TLS_PRIVATE_KEY", () -> files.privateKey().toString());
	}

	@AfterAll
	static void removeFiles() {
		FileSystemUtils.deleteRecursively(FILES.toFile());
	}

	@Test
	void chargesOverTlsWithTheConfiguredCertificate() throws Exception {
		HttpResponse<String> response = this.https.send(HttpRequest
			.newBuilder(URI.create("https://localhost:" + this.port + "/v1/charges"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(BodyPublishers.ofString(
					"{\"amountMinor\":1999,\"currency\":\"EUR\",\"token\":\"tok_ok_visa\",\"reference\":\"tls-1\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).contains("succeeded");
	}

	@Test
	void keepsTheManagementPortPlainHttpForProbes() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health/readiness"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("UP");
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
