package dev.shopflow.gateway.ratelimit;

import java.time.Duration;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Makes refused bearer tokens count toward their sender's rate limit. Spring Security
 * refuses a bad token (wrongly signed, unknown key id, expired) before
 * {@link RateLimitFilter} runs, and each one costs a signature check or a key lookup; so
 * each refused token takes one token from the bucket of the address it came from (the
 * anonymous bucket, {@link ClientAddresses}), and the refusal that finds that bucket
 * empty is answered 429. From then until its {@code Retry-After}, every request with a
 * bearer token from that address is answered 429 here, before the token is looked at: a
 * valid token is refused too, since telling it from a bad one is the very check this
 * saves.
 * <p>
 * The addresses refused early are kept in this instance's memory (bounded, each for its
 * {@code Retry-After}); with the buckets in Redis each gateway instance so verifies at
 * most one token more per address and {@code Retry-After} than the shared bucket allows.
 */
public final class RefusedTokens implements WebFilter, Ordered {

	private static final long MAX_ADDRESSES = 100_000;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final CallerRateLimiter limiter;

	private final ClientAddresses clientAddresses;

	private final LongSupplier nanoClock;

	private final Cache<String, Long> refusingUntil;

	RefusedTokens(CallerRateLimiter limiter, ClientAddresses clientAddresses, LongSupplier nanoClock) {
		this.limiter = limiter;
		this.clientAddresses = clientAddresses;
		this.nanoClock = nanoClock;
		this.refusingUntil = Caffeine.newBuilder()
			.maximumSize(MAX_ADDRESSES)
			.ticker(nanoClock::getAsLong)
			.expireAfter(Expiry.<String, Long>writing(
					(address, until) -> Duration.ofNanos(Math.max(0, until - nanoClock.getAsLong()))))
			.build();
	}

	/**
	 * Counts a refused token against the address it came from.
	 * @param exchange the request whose token was refused
	 * @return empty while the address is within its limit (the caller then gets its 401),
	 * else an error with the 429 problem
	 */
	public Mono<Void> count(ServerWebExchange exchange) {
		String address = this.clientAddresses.clientAddress(exchange.getRequest());
		return this.limiter.tryAcquire(RateLimitFilter.anonymous(address)).flatMap((decision) -> {
			if (decision.allowed()) {
				return Mono.empty();
			}
			long retryAfter = decision.retryAfterSeconds();
			this.refusingUntil.put(address, this.nanoClock.getAsLong() + retryAfter * NANOS_PER_SECOND);
			return Mono.error(RateLimitFilter.tooManyRequests(retryAfter));
		});
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!hasBearerToken(exchange)) {
			return chain.filter(exchange);
		}
		Long until = this.refusingUntil.getIfPresent(this.clientAddresses.clientAddress(exchange.getRequest()));
		long left = (until != null) ? until - this.nanoClock.getAsLong() : 0;
		if (left <= 0) {
			return chain.filter(exchange);
		}
		return Mono.error(RateLimitFilter.tooManyRequests(Math.max(1, ceilSeconds(left))));
	}

	private static boolean hasBearerToken(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6);
	}

	private static long ceilSeconds(long nanos) {
		return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
	}

	@Override
	public int getOrder() {
		// after the placement latch, before Spring Security's chain (-100), which
		// verifies the token
		return Ordered.HIGHEST_PRECEDENCE + 30;
	}

}
