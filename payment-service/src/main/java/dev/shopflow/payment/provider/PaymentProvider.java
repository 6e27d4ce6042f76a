package dev.shopflow.payment.provider;

import java.util.Map;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The payment provider behind resilience: every call passes a bulkhead (limit of
 * concurrent calls), a circuit breaker (fail fast while the provider is down) and a retry
 * of retryable failures with exponential back-off and jitter. A charge is always sent
 * with the transaction id as {@code Idempotency-Key} (and as reference), so a retry, a
 * redelivery or a reconciliation never charges twice. Card tokens are never logged.
 */
public class PaymentProvider {

	private static final Logger log = LoggerFactory.getLogger(PaymentProvider.class);

	private final RestClient http;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final Bulkhead bulkhead;

	private final MeterRegistry meters;

	PaymentProvider(RestClient http, CircuitBreaker circuitBreaker, Retry retry, Bulkhead bulkhead,
			MeterRegistry meters) {
		this.http = http;
		this.circuitBreaker = circuitBreaker;
		this.retry = retry;
		this.bulkhead = bulkhead;
		this.meters = meters;
	}

	/**
	 * Charges once per transaction id; asking again answers the provider's stored result.
	 * @param transactionId the idempotency key and reference
	 * @param amountMinor the amount
	 * @param currency ISO 4217 code
	 * @param token the card token
	 * @return the outcome; {@link ChargeOutcome.Unavailable} when it is unknown
	 */
	public ChargeOutcome charge(String transactionId, long amountMinor, String currency, String token) {
		Map<String, Object> body = Map.of("amountMinor", amountMinor, "currency", currency, "token", token, "reference",
				transactionId);
		try {
			ProviderCharge charge = call("charge",
					() -> this.http.post()
						.uri("/v1/charges")
						.header("Idempotency-Key", transactionId)
						.body(body)
						.retrieve()
						.body(ProviderCharge.class));
			return charge.outcome();
		}
		catch (HttpClientErrorException refused) {
			return refused(transactionId, refused);
		}
		catch (RuntimeException ex) {
			return new ChargeOutcome.Unavailable(describe(transactionId, ex));
		}
	}

	/**
	 * A 4xx answer to a charge: 402 is a decline (Stripe answers one so, with the reason
	 * in the body); 408 and 429 ask to come back later; any other refuses the request.
	 */
	private static ChargeOutcome refused(String transactionId, HttpClientErrorException refused) {
		int status = refused.getStatusCode().value();
		if (status == 402) {
			ProviderDecline decline = ProviderDecline.of(refused.getResponseBodyAsString());
			log.info("Provider declined transaction {} with 402: {}", transactionId, decline.declineCode());
			return new ChargeOutcome.Declined(decline.chargeId(), decline.declineCode());
		}
		String reason = "provider refused the request (" + refused.getStatusCode() + ")";
		log.warn("Provider call for transaction {} failed: {}", transactionId, reason);
		if (status == 408 || status == 429) {
			return new ChargeOutcome.Unavailable(reason);
		}
		return new ChargeOutcome.Rejected(reason);
	}

	/**
	 * Refunds a charge; refunding twice refunds once.
	 * @param transactionId the transaction, for logs
	 * @param chargeId the provider's charge id
	 * @return {@code true} once refunded, {@code false} if the provider could not be
	 * reached
	 */
	public boolean refund(String transactionId, String chargeId) {
		try {
			ProviderCharge charge = call("refund",
					() -> this.http.post()
						.uri("/v1/refunds")
						.body(Map.of("chargeId", chargeId))
						.retrieve()
						.body(ProviderCharge.class));
			return charge.refunded();
		}
		catch (RuntimeException ex) {
			describe(transactionId, ex);
			return false;
		}
	}

	/**
	 * The circuit breaker's state, for health checks and tests.
	 * @return e.g. {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}
	 */
	public CircuitBreaker.State circuitState() {
		return this.circuitBreaker.getState();
	}

	private <T> T call(String operation, Supplier<T> call) {
		Supplier<T> timed = () -> {
			Timer.Sample sample = Timer.start(this.meters);
			String outcome = "error";
			try {
				T result = call.get();
				outcome = "success";
				return result;
			}
			finally {
				sample.stop(this.meters.timer("shopflow.payment.provider.calls", "operation", operation, "outcome",
						outcome));
			}
		};
		return Retry
			.decorateSupplier(this.retry,
					CircuitBreaker.decorateSupplier(this.circuitBreaker,
							Bulkhead.decorateSupplier(this.bulkhead, timed)))
			.get();
	}

	private static String describe(String transactionId, RuntimeException ex) {
		String reason = switch (ex) {
			case CallNotPermittedException open -> "circuit open: the provider is failing";
			case BulkheadFullException full -> "too many concurrent provider calls";
			case HttpClientErrorException refused -> "provider refused the request (" + refused.getStatusCode() + ")";
			case RestClientException failed -> "provider unreachable: " + failed.getMessage();
			default -> throw ex;
		};
		log.warn("Provider call for transaction {} failed: {}", transactionId, reason);
		return reason;
	}

}
