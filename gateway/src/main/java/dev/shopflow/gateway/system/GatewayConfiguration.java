package dev.shopflow.gateway.system;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cross-cutting set-up of the gateway: the services' instances, request ids, size limit,
 * circuit breakers, concurrency limits.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ GatewayProperties.class, ServiceInstancesProperties.class })
class GatewayConfiguration {

	@Bean
	StaticServiceInstances staticServiceInstances(ServiceInstancesProperties properties) {
		return new StaticServiceInstances(properties);
	}

	@Bean
	RequestIdFilter requestIdFilter() {
		return new RequestIdFilter();
	}

	@Bean
	RequestSizeFilter requestSizeFilter(GatewayProperties properties) {
		return new RequestSizeFilter(properties.maxRequestSize());
	}

	/**
	 * One circuit per route ({@code CircuitBreaker} filter name): it opens when the
	 * failure rate passes the threshold and then fails fast with a 503 problem for the
	 * open duration.
	 * @param properties the gateway settings
	 * @return the customizer
	 */
	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(GatewayProperties properties) {
		return (factory) -> factory.configureDefault((id) -> new Resilience4JConfigBuilder(id)
			.circuitBreakerConfig(CircuitBreakerConfig.custom()
				.slidingWindowSize(Math.max(20, properties.minimumCalls()))
				.minimumNumberOfCalls(properties.minimumCalls())
				.failureRateThreshold(properties.failureRateThreshold())
				.waitDurationInOpenState(properties.openDuration())
				.permittedNumberOfCallsInHalfOpenState(3)
				.build())
			.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(timeLimit(id, properties)).build())
			.build());
	}

	private static Duration timeLimit(String circuit, GatewayProperties properties) {
		return GatewayProperties.ORDER_OUTCOMES.equals(circuit) ? properties.waitTimeout() : properties.timeout();
	}

	/**
	 * One semaphore per route ({@code CircuitBreaker} filter name): at most
	 * {@code maxConcurrentCalls} calls in flight, and a call beyond them is refused
	 * without waiting, answered 503 with {@code Retry-After} by the problem handler.
	 * @param properties the gateway settings
	 * @return the customizer
	 */
	@Bean
	Customizer<ReactiveResilience4jBulkheadProvider> bulkheadDefaults(GatewayProperties properties) {
		return (provider) -> provider.configureDefault(
				(id) -> new Resilience4jBulkheadConfigurationBuilder()
					.bulkheadConfig(BulkheadConfig.custom()
						.maxConcurrentCalls(GatewayProperties.ORDER_OUTCOMES.equals(id)
								? properties.maxConcurrentWaits() : properties.maxConcurrentCalls())
						.maxWaitDuration(Duration.ZERO)
						.build())
					.build());
	}

}
