package dev.shopflow.payment.payment;

import dev.shopflow.defaults.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem answers of payments (ahead of service-defaults' catch-all advice). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PaymentProblems {

	/** Seconds a client should wait before asking again while the provider is down. */
	private static final String RETRY_AFTER = "5";

	@ExceptionHandler
	ProblemDetail notFound(PaymentNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "payment-not-found", "Payment not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail mismatch(TransactionMismatchException ex) {
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "transaction-id-reused", "Transaction id reused",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail notRefundable(NotRefundableException ex) {
		return Problems.of(HttpStatus.CONFLICT, "payment-not-refundable", "Payment not refundable", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(ProviderUnavailableException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER)
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "payment-provider-unavailable",
					"Payment provider unavailable", ex.getMessage()));
	}

}
