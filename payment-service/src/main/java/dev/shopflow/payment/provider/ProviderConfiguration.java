package dev.shopflow.payment.provider;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.function.Predicate;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Builds the provider client: a {@link RestClient} on the JDK HttpClient with explicit
 * timeouts, and Resilience4j's retry, circuit breaker and bulkhead (core modules,
 * configured from {@link ProviderProperties}, exported to Micrometer). An https://
 * provider URL is verified against the {@code shopflow-client} SSL bundle (the CAs of
 * {@code SHOPFLOW_TLS_TRUST}, shopflow-defaults.properties; the JVM's when unset), host
 * name included.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderProperties.class)
class ProviderConfiguration {

	static final String NAME = "psp";

	/** The SSL bundle whose trust material verifies the provider's certificate. */
	static final String TRUST_BUNDLE = "shopflow-client";

	/**
	 * Timeouts, connection errors (also while reading the answer's body) and 5xx answers:
	 * the outcome is unknown, ask again. Never a 4xx (a decline is a 201 answer).
	 */
	static final Predicate<Throwable> RETRYABLE = (ex) -> ex instanceof ResourceAccessException
			|| ex instanceof HttpServerErrorException || (ex instanceof RestClientException && causedByIo(ex));

	private static boolean causedByIo(Throwable ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	@Bean
	PaymentProvider paymentProvider(ProviderProperties properties, MeterRegistry meters,
			ObjectProvider<ObservationRegistry> observations, SslBundles bundles) {
		return new PaymentProvider(
				restClient(properties, observations.getIfAvailable(() -> ObservationRegistry.NOOP), bundles),
				circuitBreaker(properties.circuitBreaker(), meters), retry(properties.retry(), meters),
				bulkhead(properties.bulkhead(), meters), meters);
	}

	// observed: each call is a client span that sends the trace context on to the
	// provider
	private static RestClient restClient(ProviderProperties properties, ObservationRegistry observations,
			SslBundles bundles) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1);
		if (bundles.getBundleNames().contains(TRUST_BUNDLE)) {
			// the JDK client verifies the host name itself (endpoint identification)
			builder.sslContext(bundles.getBundle(TRUST_BUNDLE).createSslContext());
		}
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(builder.build());
		requests.setReadTimeout(properties.readTimeout());
		return RestClient.builder()
			.baseUrl(properties.url())
			.requestFactory(requests)
			.observationRegistry(observations)
			.build();
	}

	private static CircuitBreaker circuitBreaker(ProviderProperties.CircuitBreaker settings, MeterRegistry meters) {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.recordException(RETRYABLE)
			.ignoreExceptions(BulkheadFullException.class)
			.build();
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		return registry.circuitBreaker(NAME);
	}

	private static Retry retry(ProviderProperties.Retry settings, MeterRegistry meters) {
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(settings.maxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
					settings.multiplier(), settings.jitter(), settings.maxBackoff()))
			.retryOnException(RETRYABLE)
			.build();
		RetryRegistry registry = RetryRegistry.of(config);
		TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
		return registry.retry(NAME);
	}

	private static Bulkhead bulkhead(ProviderProperties.Bulkhead settings, MeterRegistry meters) {
		BulkheadConfig config = BulkheadConfig.custom()
			.maxConcurrentCalls(settings.maxConcurrentCalls())
			.maxWaitDuration(settings.maxWait())
			.build();
		BulkheadRegistry registry = BulkheadRegistry.of(config);
		TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
		return registry.bulkhead(NAME);
	}

}
