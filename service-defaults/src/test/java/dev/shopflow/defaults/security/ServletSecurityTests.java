package dev.shopflow.defaults.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = ServletSecurityTests.SecuredApplication.class,
		properties = { "shopflow.security.public-get-paths=/api/catalogue/**", "management.server.port=0" })
@Import(TestTokens.Decoder.class)
class ServletSecurityTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void letsAnyoneReadPublicPaths() throws Exception {
		assertThat(get("/api/catalogue/items", null).statusCode()).isEqualTo(200);
	}

	@Test
	void refusesMissingExpiredForgedUnsignedAndMalformedTokens() throws Exception {
		List<String> bad = List.of(TestTokens.expired("alice"), TestTokens.signedByStranger("alice"), "not-a-jwt",
				"eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSIsInJvbGVzIjpbImFkbWluIl19.");
		assertUnauthorized(get("/api/me", null));
		for (String token : bad) {
			assertUnauthorized(get("/api/me", token));
		}
	}

	@Test
	void refusesTokensOfOtherIssuersOrAudiencesAndWithoutSubjectOrExpiry() throws Exception {
		List<String> bad = List.of(TestTokens.with((claims) -> claims.issuer("https://elsewhere.example")),
				TestTokens.with((claims) -> claims.issuer(null)),
				TestTokens.with((claims) -> claims.audience("another-api")),
				TestTokens.with((claims) -> claims.audience((String) null)),
				TestTokens.with((claims) -> claims.subject(null)), TestTokens.with((claims) -> claims.subject(" ")),
				TestTokens.with((claims) -> claims.expirationTime(null)));
		for (String token : bad) {
			assertUnauthorized(get("/api/me", token));
		}
		assertThat(get("/api/me", TestTokens.with((claims) -> claims.audience(List.of("another-api", "shopflow"))))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void toleratesTenSecondsOfClockSkewOnly() throws Exception {
		Instant now = Instant.now();
		String expiredJustNow = TestTokens.with((claims) -> claims.issueTime(Date.from(now.minusSeconds(120)))
			.expirationTime(Date.from(now.minusSeconds(2))));
		String expiredHalfAMinuteAgo = TestTokens.with((claims) -> claims.issueTime(Date.from(now.minusSeconds(120)))
			.expirationTime(Date.from(now.minusSeconds(30))));

		assertThat(get("/api/me", expiredJustNow).statusCode()).isEqualTo(200);
		assertUnauthorized(get("/api/me", expiredHalfAMinuteAgo));
	}

	@Test
	void givesTheControllerTheCaller() throws Exception {
		HttpResponse<String> response = get("/api/me", TestTokens.customer("alice"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("alice [customer]");
	}

	@Test
	void refusesCustomerOnAdminCallWithForbiddenProblem() throws Exception {
		HttpResponse<String> response = get("/api/admin", TestTokens.customer("alice"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("https://shopflow.dev/problems/forbidden");
		assertThat(get("/api/admin", TestTokens.admin()).statusCode()).isEqualTo(200);
	}

	@Test
	void servesTheOpenApiDocumentWithoutTokenAndWithTheBearerScheme() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"bearer-jwt\"").contains("/api/me");
	}

	@Test
	void keepsProbesAndMetricsOpen() throws Exception {
		assertThat(get("/livez", null).statusCode()).isEqualTo(200);
		assertThat(get("/readyz", null).statusCode()).isEqualTo(200);
		assertThat(get(this.managementPort, "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(get(this.managementPort, "/actuator/prometheus", null).statusCode()).isEqualTo(200);
	}

	@Test
	void asksForATokenForTheOtherActuatorEndpoints() throws Exception {
		assertUnauthorized(get(this.managementPort, "/actuator/metrics", null));
	}

	private void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		assertThat(response.body()).contains("https://shopflow.dev/problems/unauthorized").doesNotContain("eyJ");
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return get(this.port, path, token);
	}

	private HttpResponse<String> get(int port, String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
	static class SecuredApplication {

		@RestController
		static class Endpoints {

			@GetMapping("/api/catalogue/items")
			String items() {
				return "[]";
			}

			@GetMapping("/api/me")
			String me(Caller caller) {
				return caller.id() + " " + caller.roles();
			}

			@PreAuthorize("hasRole('admin')")
			@GetMapping("/api/admin")
			String admin() {
				return "ok";
			}

		}

	}

}
