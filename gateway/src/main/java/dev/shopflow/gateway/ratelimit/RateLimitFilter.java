package dev.shopflow.gateway.ratelimit;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Limits the request rate of each caller (the token's {@code sub}, else the client IP, as
 * {@link ClientAddresses} finds it behind trusted proxies) on every routed request; a
 * caller over its limit gets a 429 problem with {@code Retry-After}, and other callers
 * are not affected.
 */
class RateLimitFilter implements GlobalFilter, Ordered {

	private static final String X_FORWARDED_FOR = "X-Forwarded-For";

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
			.switchIfEmpty(Mono.fromSupplier(() -> "ip:" + clientAddress(exchange)))
			.flatMap(this.limiter::tryAcquire)
			.flatMap((decision) -> decision.allowed() ? chain.filter(exchange)
					: Mono.error(tooManyRequests(decision.retryAfterSeconds())));
	}

	private String clientAddress(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		return this.clientAddresses.clientAddress(request.getRemoteAddress(),
				request.getHeaders().getOrEmpty(X_FORWARDED_FOR));
	}

	private static ErrorResponseException tooManyRequests(long retryAfterSeconds) {
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
