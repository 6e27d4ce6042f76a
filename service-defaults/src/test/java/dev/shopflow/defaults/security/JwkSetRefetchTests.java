package dev.shopflow.defaults.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tokens with unknown key ids must not make every request fetch the JWK set. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
		classes = ServletSecurityTests.SecuredApplication.class, properties = "shopflow.security.token-cache-size=0")
class JwkSetRefetchTests {

	private static final AtomicInteger fetches = new AtomicInteger();

	private static final HttpServer keys = keyServer();

	@Autowired
	private JwtDecoder decoder;

	@DynamicPropertySource
	static void jwkSetUri(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> "http://localhost:" + keys.getAddress().getPort() + "/jwks.json");
	}

	@AfterAll
	static void stopKeyServer() {
		keys.stop(0);
	}

	@Test
	void fetchesTheKeySetAtMostOnceMoreWithinThirtySecondsWhateverKeyIdsArrive() {
		assertThat(this.decoder.decode(TestTokens.withKeyId("known")).getSubject()).isEqualTo("alice");
		for (int i = 0; i < 20; i++) {
			String unknown = TestTokens.withKeyId(UUID.randomUUID().toString());
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode(unknown));
		}

		assertThat(fetches).hasValueLessThanOrEqualTo(2);
		assertThat(this.decoder.decode(TestTokens.withKeyId("known")).getSubject()).isEqualTo("alice");
	}

	private static HttpServer keyServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/jwks.json", (exchange) -> {
				fetches.incrementAndGet();
				byte[] body = TestTokens.jwkSet("known").getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
