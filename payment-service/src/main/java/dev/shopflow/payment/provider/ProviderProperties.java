package dev.shopflow.payment.provider;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payment-service talks to the payment provider
 * ({@code shopflow.payment.provider.*}).
 *
 * @param url the provider's base URL ({@code PSP_URL})
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer: a call slower than this is a
 * (retryable) timeout
 * @param retry retries of retryable failures
 * @param circuitBreaker failing fast while the provider is down
 * @param bulkhead limit on concurrent provider calls
 */
@ConfigurationProperties("shopflow.payment.provider")
public record ProviderProperties(@DefaultValue("http://localhost:8089") String url,
		@DefaultValue("500ms") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout,
		@DefaultValue Retry retry, @DefaultValue CircuitBreaker circuitBreaker, @DefaultValue Bulkhead bulkhead) {

	/**
	 * The longest one guarded call can take: every attempt waits for a bulkhead slot, a
	 * connection and the answer, and between two attempts comes the longest back-off (its
	 * jitter included).
	 * @return the worst case of one call with its retries
	 */
	public Duration worstCaseCall() {
		Duration attempt = this.bulkhead.maxWait().plus(this.connectTimeout).plus(this.readTimeout);
		Duration total = attempt.multipliedBy(this.retry.maxAttempts());
		double wait = this.retry.initialBackoff().toMillis();
		for (int retry = 1; retry < this.retry.maxAttempts(); retry++) {
			double jittered = Math.min(wait, this.retry.maxBackoff().toMillis()) * (1 + this.retry.jitter());
			total = total.plusMillis((long) Math.ceil(jittered));
			wait *= this.retry.multiplier();
		}
		return total;
	}

	/**
	 * Retries of timeouts, connection errors and 5xx answers (never of declines or 4xx),
	 * with exponential back-off and jitter.
	 *
	 * @param maxAttempts attempts in all, the first included
	 * @param initialBackoff wait before the first retry
	 * @param multiplier growth of the wait per retry
	 * @param jitter randomization factor (0..1) of each wait
	 * @param maxBackoff the longest wait
	 */
	public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("200ms") Duration initialBackoff,
			@DefaultValue("2") double multiplier, @DefaultValue("0.5") double jitter,
			@DefaultValue("2s") Duration maxBackoff) {
	}

	/**
	 * The circuit breaker around provider calls (count-based window).
	 *
	 * @param failureRateThreshold failure percentage that opens the circuit
	 * @param slidingWindowSize calls in the window
	 * @param minimumCalls calls needed before the rate is judged
	 * @param waitInOpenState how long the circuit stays open before probing
	 * @param permittedCallsInHalfOpenState probe calls while half-open
	 */
	public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
			@DefaultValue("20") int slidingWindowSize, @DefaultValue("10") int minimumCalls,
			@DefaultValue("10s") Duration waitInOpenState, @DefaultValue("3") int permittedCallsInHalfOpenState) {
	}

	/**
	 * The bulkhead limiting concurrent provider calls.
	 *
	 * @param maxConcurrentCalls calls in flight at once
	 * @param maxWait how long a call waits for a free slot before it is refused
	 */
	public record Bulkhead(@DefaultValue("25") int maxConcurrentCalls, @DefaultValue("500ms") Duration maxWait) {
	}

}
