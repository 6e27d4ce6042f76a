package dev.shopflow.gateway.admission;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.shopflow.defaults.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses new placements at the front door, for a short hold, once order-service has
 * refused one as saturated. Order-service's admission control decides from a count it
 * takes every {@code admission-refresh} (250 ms), so within that time its answer to the
 * next placement is the same 503: answering it here, before the token is verified, the
 * rate limiter asked and the request proxied, keeps the CPU that a refusal would cost for
 * the orders already accepted (goodput under overload). Any 503 with {@code Retry-After}
 * on {@code POST /api/orders} (saturated pipeline, an instance's in-flight limit, the
 * route's own concurrency limit or open circuit) starts the hold; the first placement
 * after it goes through again, so the hold never outlives the saturation by more than one
 * hold. Each gateway instance holds on its own.
 * <p>
 * Hand-written because it is one timestamp: Resilience4j's circuit breaker counts
 * failures over a window and opens for seconds, which would refuse long after the
 * pipeline has room again.
 */
class PlacementLatch implements WebFilter, Ordered {

	private static final String PLACEMENTS = "/api/orders";

	private static final String RETRY_AFTER_SECONDS = "1";

	private final long holdNanos;

	private final LongSupplier nanoClock;

	private final AtomicLong refusingUntil;

	private final Counter refused;

	PlacementLatch(Duration hold, LongSupplier nanoClock, MeterRegistry meters) {
		this.holdNanos = hold.toNanos();
		this.nanoClock = nanoClock;
		this.refusingUntil = new AtomicLong(nanoClock.getAsLong());
		this.refused = Counter.builder("shopflow.gateway.placements.refused.early")
			.description("Placements refused at the gateway while order-service is saturated")
			.register(meters);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.holdNanos <= 0 || !isPlacement(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		if (this.nanoClock.getAsLong() - this.refusingUntil.get() < 0) {
			this.refused.increment();
			return Mono.error(saturated());
		}
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> {
			note(response);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	private void note(ServerHttpResponse response) {
		if (HttpStatus.SERVICE_UNAVAILABLE.equals(response.getStatusCode())
				&& response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)) {
			this.refusingUntil.set(this.nanoClock.getAsLong() + this.holdNanos);
		}
	}

	private static boolean isPlacement(ServerHttpRequest request) {
		return HttpMethod.POST.equals(request.getMethod()) && PLACEMENTS.equals(request.getPath().value());
	}

	// the same problem as order-service's own refusal (API.md: saga-pipeline-saturated)
	private static ErrorResponseException saturated() {
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "saga-pipeline-saturated",
				"Too many orders in progress", "Too many orders in progress; try again later");
		ErrorResponseException ex = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return ex;
	}

	@Override
	public int getOrder() {
		// after the request id and size filters, before Spring Security's chain (-100)
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

}
