package dev.shopflow.gateway.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the front door ({@code shopflow.gateway.*}).
 *
 * @param timeout how long a downstream call may take before the caller gets a 504 problem
 * (also the circuit breaker's time limit)
 * @param failureRateThreshold percentage of failed calls that opens a route's circuit
 * @param minimumCalls calls a circuit must see before it may open
 * @param openDuration how long an open circuit fails fast (also the {@code Retry-After})
 * @param maxRequestSize the largest request body accepted (413 problem above)
 * @param rateLimit per-caller request rate limit
 * @param trustedProxies addresses and CIDR ranges of the proxies in front of the gateway
 * (the ingress controller) whose {@code X-Forwarded-For} names an anonymous caller's
 * address for its rate limit; empty: trust nobody, the connection's address is the
 * caller's
 * @param corsAllowedOrigins origins browsers may call the API from
 * @param maxConcurrentCalls calls a route may have in flight at once; one more is refused
 * at once with a 503 problem and {@code Retry-After} (load shedding: under overload the
 * gateway neither queues without bound nor grows its memory)
 * @param waitTimeout the time limit of {@code GET /api/orders/{id}} with {@code Prefer:
 * wait}, which order-service holds until the order's outcome (bound from milliseconds)
 * @param maxConcurrentWaits such waiting calls in flight at once (they cost the gateway a
 * connection each, no thread)
 * @param saturationHold how long the gateway itself refuses placements after
 * order-service answered one with a 503 and {@code Retry-After} (about order-service's
 * admission refresh, when its answer could not change anyway); zero: never
 */
@ConfigurationProperties("shopflow.gateway")
public record GatewayProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("50") float failureRateThreshold,
		@DefaultValue("10") int minimumCalls, @DefaultValue("5s") Duration openDuration,
		@DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue RateLimit rateLimit,
		@DefaultValue List<String> trustedProxies,
		@DefaultValue("http://localhost:3000") List<String> corsAllowedOrigins,
		@DefaultValue("200") int maxConcurrentCalls, @DefaultValue("25000ms") Duration waitTimeout,
		@DefaultValue("500") int maxConcurrentWaits, @DefaultValue("250ms") Duration saturationHold) {

	/** The circuit (and route) of the calls that wait for an order's outcome. */
	public static final String ORDER_OUTCOMES = "order-outcomes";

	/**
	 * Token bucket per caller ({@code sub}, or client IP when anonymous).
	 *
	 * @param replenishRate tokens (requests) added per second
	 * @param burstCapacity the most tokens a caller can hold
	 */
	public record RateLimit(@DefaultValue("100") int replenishRate, @DefaultValue("200") int burstCapacity) {

	}

}
