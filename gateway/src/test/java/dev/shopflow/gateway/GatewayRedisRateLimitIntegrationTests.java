package dev.shopflow.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.shopflow.gateway.GatewayRoutingIntegrationTests.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits kept in a real Redis (Spring Cloud Gateway's {@code RedisRateLimiter}), as
 * when several gateway instances share them: a caller over its limit gets 429, another
 * does not. Redis requires a password, as in compose and k8s, which the gateway sends
 * ({@code REDIS_PASSWORD}). No proxy is trusted, and the gateway believes it runs on
 * Kubernetes, where Boot would by itself let Reactor Netty take the remote address from
 * {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "shopflow.gateway.rate-limit.replenish-rate=1", "shopflow.gateway.rate-limit.burst-capacity=3",
				"spring.main.cloud-platform=kubernetes" })
@Import(TestTokens.ReactiveDecoder.class)
class GatewayRedisRateLimitIntegrationTests {

	private static final String REDIS_PASSWORD = "test-" + UUID.randomUUID();

	private static final GenericContainer<?> redis = startRedis();

	private static final DownstreamStub downstream = DownstreamStub.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private ReactiveStringRedisTemplate redisTemplate;

	private static GenericContainer<?> startRedis() {
		GenericContainer<?> container = new GenericContainer<>("redis:7").withExposedPorts(6379)
			.withCommand("redis-server", "--requirepass", REDIS_PASSWORD)
			.withStartupTimeout(Duration.ofMinutes(2));
		container.start();
		return container;
	}

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("REDIS_HOST", redis::getHost);
		registry.add("REDIS_PORT", () -> redis.getMappedPort(6379));
		registry.add("REDIS_PASSWORD", () -> REDIS_PASSWORD);
		registry.add("ORDER_SERVICE_URL", downstream::url);
		registry.add("INVENTORY_SERVICE_URL", downstream::url);
	}

	@AfterAll
	static void stop() {
		downstream.close();
		redis.stop();
	}

	@Test
	void keepsEachCallersBucketInRedis() throws Exception {
		List<HttpResponse<String>> burst = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			burst.add(get(TestTokens.customer("redis-greedy")));
		}

		HttpResponse<String> limited = burst.stream().filter((r) -> r.statusCode() == 429).findFirst().orElseThrow();
		problem(limited, 429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(get(TestTokens.customer("redis-patient")).statusCode()).isEqualTo(200);
		assertThat(this.redisTemplate.keys("*").collectList().block()).as("keys in Redis")
			.anySatisfy((key) -> assertThat(key).contains("sub:redis-greedy"));
	}

	@Test
	void sendsThePasswordRedisRequires() throws Exception {
		Container.ExecResult anonymous = redis.execInContainer("redis-cli", "ping");
		assertThat(anonymous.getStdout() + anonymous.getStderr()).as("without the password").contains("NOAUTH");

		get(TestTokens.customer("redis-authenticated"));

		assertThat(this.redisTemplate.keys("*").collectList().block()).as("keys the gateway wrote")
			.anySatisfy((key) -> assertThat(key).contains("sub:redis-authenticated"));
	}

	@Test
	void keysAnAnonymousCallerByItsConnectionWhateverXForwardedForItForges() throws Exception {
		List<HttpResponse<String>> burst = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			burst.add(this.http.send(request("/api/products").header("X-Forwarded-For", "198.51.100." + i).build(),
					HttpResponse.BodyHandlers.ofString()));
		}

		HttpResponse<String> limited = burst.stream().filter((r) -> r.statusCode() == 429).findFirst().orElseThrow();
		problem(limited, 429);
		assertThat(this.redisTemplate.keys("*").collectList().block()).as("keys in Redis")
			.anySatisfy((key) -> assertThat(key).contains("ip:127.0.0.1"))
			.noneSatisfy((key) -> assertThat(key).contains("198.51.100."));
	}

	private HttpResponse<String> get(String token) throws Exception {
		return this.http.send(request("/api/orders").header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.GET();
	}

}
