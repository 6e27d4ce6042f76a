package dev.shopflow.psp.charge;

import dev.shopflow.defaults.Problems;
import dev.shopflow.psp.fault.InjectedFaultException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The provider's problem answers (ahead of service-defaults' catch-all advice).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChargeProblems {

	/** The reason of an injected 402 decline. */
	static final String DECLINE_CODE = "card_declined";

	@ExceptionHandler
	ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unknownCharge(UnknownChargeException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "charge-not-found", "Charge not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail notRefundable(ChargeNotRefundableException ex) {
		return Problems.of(HttpStatus.CONFLICT, "charge-not-refundable", "Charge not refundable", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail injectedFault(InjectedFaultException ex) {
		HttpStatus status = HttpStatus.valueOf(ex.status());
		if (status == HttpStatus.PAYMENT_REQUIRED) {
			// a decline answered as Stripe does: 402 with the reason
			ProblemDetail declined = Problems.of(status, "card-declined", "Card declined", ex.getMessage());
			declined.setProperty("declineCode", DECLINE_CODE);
			return declined;
		}
		return Problems.of(status, "injected-fault", "Injected fault", ex.getMessage());
	}

}
