package dev.shopflow.order.idempotency;

import dev.shopflow.defaults.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the idempotency keys' exceptions into problem answers (ahead of the shared
 * catch-all handler, which would answer 500).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class IdempotencyProblemsAdvice {

	@ExceptionHandler
	ProblemDetail invalidIdempotencyKey(InvalidIdempotencyKeyException ex) {
		return Problems.of(HttpStatus.BAD_REQUEST, "idempotency-key-invalid", "Missing or invalid Idempotency-Key",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail idempotencyKeyInUse(IdempotencyKeyInUseException ex) {
		return Problems.of(HttpStatus.CONFLICT, "idempotency-key-in-use", "Request with this key in progress",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
				"Idempotency-Key reused with another request", ex.getMessage());
	}

}
