package dev.shopflow.gateway.ratelimit;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Limits the request rate of each caller (the token's {@code sub}, else the client IP, as
 * {@link ClientAddresses} finds it behind trusted proxies) on every routed request; a
 * caller over its limit gets a 429 problem with {@code Retry-After}, and other callers
 * are not affected.
 */
class RateLimitFilter implements GlobalFilter, Ordered {

	private final CallerRateLimiter limiter;

	private final ClientAddresses clientAddresses;

	RateLimitFilter(CallerRateLimiter limiter, ClientAddresses clientAddresses) {
		this.limiter = limiter;
		this.clientAddresses = clientAddresses;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return exchange.getPrincipal()
			.map(Principal::getName)
			.map((sub) -> "sub:" + sub)
			.switchIfEmpty(
					Mono.fromSupplier(() -> anonymous(this.clientAddresses.clientAddress(exchange.getRequest()))))
			.flatMap(this.limiter::tryAcquire)
			.flatMap((decision) -> decision.allowed() ? chain.filter(exchange)
					: Mono.error(tooManyRequests(decision.retryAfterSeconds())));
	}

	/**
	 * The key of an anonymous caller's bucket.
	 * @param clientAddress the caller's address ({@link ClientAddresses})
	 * @return the key
	 */
	static String anonymous(String clientAddress) {
		return "ip:" + clientAddress;
	}

	/**
	 * The answer to a caller over its limit.
	 * @param retryAfterSeconds when it may try again
	 * @return the 429 problem with {@code Retry-After}
	 */
	static ErrorResponseException tooManyRequests(long retryAfterSeconds) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests from this caller. Retry after " + retryAfterSeconds + " s.");
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		return ex;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

}
