package dev.shopflow.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

/**
 * Token buckets per caller in Redis, shared by every gateway instance: Spring Cloud
 * Gateway's own {@link RedisRateLimiter} (an atomic Lua script per request).
 */
class RedisCallerRateLimiter implements CallerRateLimiter {

	private static final String CONFIG_ID = "shopflow";

	private final RedisRateLimiter limiter;

	private final int replenishRate;

	RedisCallerRateLimiter(RedisRateLimiter limiter, int replenishRate, int burstCapacity) {
		this.limiter = limiter;
		this.replenishRate = replenishRate;
		limiter.getConfig()
			.put(CONFIG_ID,
					new RedisRateLimiter.Config().setReplenishRate(replenishRate)
						.setBurstCapacity(burstCapacity)
						.setRequestedTokens(1));
	}

	@Override
	public Mono<Decision> tryAcquire(String caller) {
		return this.limiter.isAllowed(CONFIG_ID, caller)
			.map((response) -> new Decision(response.isAllowed(),
					response.isAllowed() ? 0 : Math.max(1, (long) Math.ceil(1.0 / this.replenishRate))));
	}

}
