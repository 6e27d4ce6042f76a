package dev.shopflow.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RefusedTokensTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong now = new AtomicLong(42 * SECOND);

	private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(1, 2, this.now::get);

	private final RefusedTokens refusedTokens = new RefusedTokens(this.limiter, new ClientAddresses(List.of()),
			this.now::get);

	private final AtomicInteger passed = new AtomicInteger();

	private final WebFilterChain chain = (exchange) -> {
		this.passed.incrementAndGet();
		return Mono.empty();
	};

	@Test
	void refusesTheTokenThatFindsItsAddressesBucketEmpty() {
		this.refusedTokens.count(bearer("192.0.2.1")).block();
		this.refusedTokens.count(bearer("192.0.2.1")).block();

		assertThat(tooManyRequests(this.refusedTokens.count(bearer("192.0.2.1"))).getHeaders().getFirst("Retry-After"))
			.isEqualTo("1");
	}

	@Test
	void refusesBearerRequestsFromThatAddressBeforeTheirCheckUntilRetryAfter() {
		exhaust("192.0.2.2");

		assertThat(tooManyRequests(this.refusedTokens.filter(bearer("192.0.2.2"), this.chain)).getHeaders()
			.getFirst("Retry-After")).isEqualTo("1");
		this.refusedTokens.filter(bearer("192.0.2.3"), this.chain).block();
		this.refusedTokens.filter(anonymous("192.0.2.2"), this.chain).block();
		assertThat(this.passed).as("requests passed on").hasValue(2);

		this.now.addAndGet(SECOND);
		this.refusedTokens.filter(bearer("192.0.2.2"), this.chain).block();
		assertThat(this.passed).as("requests passed on").hasValue(3);
	}

	@Test
	void drawsFromTheSameBucketAsAnonymousCallsFromTheAddress() {
		this.limiter.tryAcquire("ip:192.0.2.4").block();
		this.limiter.tryAcquire("ip:192.0.2.4").block();

		tooManyRequests(this.refusedTokens.count(bearer("192.0.2.4")));
	}

	private void exhaust(String address) {
		this.refusedTokens.count(bearer(address)).block();
		this.refusedTokens.count(bearer(address)).block();
		tooManyRequests(this.refusedTokens.count(bearer(address)));
	}

	private static ErrorResponseException tooManyRequests(Mono<Void> outcome) {
		ErrorResponseException refused = catchThrowableOfType(ErrorResponseException.class, outcome::block);
		assertThat(refused).as("refusal").isNotNull();
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		return refused;
	}

	private static ServerWebExchange bearer(String address) {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders")
			.header("Authorization", "Bearer eyJ.bad.token")
			.remoteAddress(new InetSocketAddress(address, 40000)));
	}

	private static ServerWebExchange anonymous(String address) {
		return MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/products").remoteAddress(new InetSocketAddress(address, 40000)));
	}

}
