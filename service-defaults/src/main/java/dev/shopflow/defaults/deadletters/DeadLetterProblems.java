package dev.shopflow.defaults.deadletters;

import dev.shopflow.defaults.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem answers of the dead-letter endpoints (ahead of the catch-all advice). */
@RestControllerAdvice(assignableTypes = DeadLetterController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DeadLetterProblems {

	@ExceptionHandler
	ProblemDetail notFound(DeadLetterNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter not found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(DeadLetterUnavailableException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable",
					ex.getMessage()));
	}

}
