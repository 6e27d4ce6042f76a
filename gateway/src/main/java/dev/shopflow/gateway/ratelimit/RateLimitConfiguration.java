package dev.shopflow.gateway.ratelimit;

import dev.shopflow.gateway.system.GatewayProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis-backed rate limiting when {@code REDIS_HOST} is configured (shared by all gateway
 * instances), in memory otherwise; refused tokens count toward their address's limit.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean
	@ConditionalOnExpression("!'${REDIS_HOST:}'.isBlank()")
	CallerRateLimiter redisCallerRateLimiter(RedisRateLimiter redisRateLimiter, GatewayProperties properties) {
		return new RedisCallerRateLimiter(redisRateLimiter, properties.rateLimit().replenishRate(),
				properties.rateLimit().burstCapacity());
	}

	@Bean
	@ConditionalOnMissingBean(CallerRateLimiter.class)
	CallerRateLimiter inMemoryRateLimiter(GatewayProperties properties) {
		return new InMemoryRateLimiter(properties.rateLimit().replenishRate(), properties.rateLimit().burstCapacity(),
				System::nanoTime);
	}

	@Bean
	ClientAddresses clientAddresses(GatewayProperties properties) {
		return new ClientAddresses(properties.trustedProxies());
	}

	@Bean
	RateLimitFilter rateLimitFilter(CallerRateLimiter limiter, ClientAddresses clientAddresses) {
		return new RateLimitFilter(limiter, clientAddresses);
	}

	@Bean
	RefusedTokens refusedTokens(CallerRateLimiter limiter, ClientAddresses clientAddresses) {
		return new RefusedTokens(limiter, clientAddresses, System::nanoTime);
	}

}
