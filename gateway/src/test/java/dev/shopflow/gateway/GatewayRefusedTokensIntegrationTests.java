package dev.shopflow.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.shopflow.gateway.GatewayRoutingIntegrationTests.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused tokens count toward the rate limit of the address they come from (buckets in
 * memory, small here; the test client stands for a trusted proxy whose
 * {@code X-Forwarded-For} names the callers): once that bucket is empty, further tokens
 * from the address are answered 429 without being checked, while other addresses are not
 * affected. A token's check is counted where it costs: the key lookup before its
 * signature is verified, as in production's JWK set decoder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "shopflow.gateway.rate-limit.replenish-rate=1", "shopflow.gateway.rate-limit.burst-capacity=3",
				"shopflow.gateway.trusted-proxies=127.0.0.1,::1" })
@Import(GatewayRefusedTokensIntegrationTests.CountedKeyLookups.class)
class GatewayRefusedTokensIntegrationTests {

	private static final String KEY_ID = "test-key";

	private static final AtomicInteger keyLookups = new AtomicInteger();

	private static final DownstreamStub services = DownstreamStub.start();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("INVENTORY_SERVICE_URL", services::url);
		registry.add("ORDER_SERVICE_URL", services::url);
		registry.add("PAYMENT_SERVICE_URL", services::url);
	}

	@AfterAll
	static void stopStubs() {
		services.close();
	}

	@Test
	void refusesTokensFromAnAddressOverItsLimitWithoutCheckingThem() throws Exception {
		String flooder = "203.0.113.7";
		for (int i = 0; i < 3; i++) {
			problem(order(flooder, TestTokens.signedByStranger("mallory")), 401);
		}
		HttpResponse<String> limited = firstLimited(() -> order(flooder, TestTokens.expired("mallory")));
		assertThat(limited.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isPositive());
		int checked = keyLookups.get();

		HttpResponse<String> unknownKey = order(flooder, TestTokens.withKeyId(UUID.randomUUID().toString()));
		HttpResponse<String> valid = order(flooder, TestTokens.customer("alice"));

		problem(unknownKey, 429);
		assertThat(unknownKey.headers().firstValue("Retry-After")).isPresent();
		// telling a valid token from a bad one is the check being saved
		problem(valid, 429);
		assertThat(keyLookups.get()).as("tokens checked").isEqualTo(checked);
		assertThat(services.requests()).as("requests forwarded for the flooder")
			.noneMatch((headers) -> String.valueOf(headers.getFirst("X-Forwarded-For")).contains(flooder));
	}

	@Test
	void leavesOtherAddressesTheirOwnLimit() throws Exception {
		String flooder = "203.0.113.8";
		String neighbour = "203.0.113.9";
		firstLimited(() -> order(flooder, TestTokens.signedByStranger("mallory")));
		int checked = keyLookups.get();

		problem(order(neighbour, TestTokens.signedByStranger("bob")), 401);
		assertThat(order(neighbour, TestTokens.customer("bob")).statusCode()).isEqualTo(200);
		assertThat(keyLookups.get()).as("tokens checked").isEqualTo(checked + 2);
	}

	@Test
	void countsRefusedTokensInTheSameBucketAsAnonymousCallsFromTheirAddress() throws Exception {
		String address = "203.0.113.10";
		firstLimited(() -> send(get("/api/products").header("X-Forwarded-For", address).build()));

		problem(order(address, TestTokens.signedByStranger("mallory")), 429);
	}

	private HttpResponse<String> firstLimited(Call call) throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			HttpResponse<String> response = call.send();
			if (response.statusCode() == 429) {
				problem(response, 429);
				return response;
			}
			statuses.add(response.statusCode());
		}
		throw new AssertionError("No 429 after " + statuses);
	}

	private HttpResponse<String> order(String address, String token) throws Exception {
		return send(get("/api/orders").header("Authorization", "Bearer " + token)
			.header("X-Forwarded-For", address)
			.build());
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.GET();
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@FunctionalInterface
	private interface Call {

		HttpResponse<String> send() throws Exception;

	}

	/**
	 * Trusts {@link TestTokens}' key, published under a key id, and counts its lookups:
	 * every signed token that reaches the check costs one.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class CountedKeyLookups {

		@Bean
		ReactiveJwtDecoder countingJwtDecoder() throws ParseException {
			JWKSet keys = JWKSet.parse(TestTokens.jwkSet(KEY_ID));
			return NimbusReactiveJwtDecoder.withJwkSource((jwt) -> {
				keyLookups.incrementAndGet();
				return Flux.fromIterable(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())).select(keys));
			}).build();
		}

	}

}
