package dev.shopflow.defaults.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens shaped as Keycloak issues them: roles in {@code realm_access.roles}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = ServletSecurityTests.SecuredApplication.class,
		properties = { "shopflow.security.issuer=https://sso.example/realms/shopflow",
				"shopflow.security.audience=shopflow-api", "shopflow.security.roles-claim=realm_access.roles" })
@Import(TestTokens.Decoder.class)
class KeycloakTokensTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void readsRolesFromTheNestedClaim() throws Exception {
		HttpResponse<String> me = get("/api/me", keycloak(List.of("customer", "offline_access")));

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).startsWith("f81d4fae ").contains("customer");
		assertThat(get("/api/admin", keycloak(List.of("customer"))).statusCode()).isEqualTo(403);
		assertThat(get("/api/admin", keycloak(List.of("admin"))).statusCode()).isEqualTo(200);
	}

	@Test
	void refusesTheDevIssuersTokens() throws Exception {
		assertThat(get("/api/me", TestTokens.customer("alice")).statusCode()).isEqualTo(401);
	}

	private static String keycloak(List<String> roles) {
		return TestTokens.with((claims) -> claims.issuer("https://sso.example/realms/shopflow")
			.audience(List.of("shopflow-api", "account"))
			.subject("f81d4fae")
			.claim("roles", null)
			.claim("azp", "shopflow-web")
			.claim("preferred_username", "alice")
			.claim("realm_access", Map.of("roles", roles)));
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
