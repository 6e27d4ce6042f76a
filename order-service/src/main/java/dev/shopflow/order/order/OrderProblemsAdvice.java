package dev.shopflow.order.order;

import java.util.List;

import dev.shopflow.defaults.Problems;
import dev.shopflow.order.order.SagaAdmission.SagaPipelineSaturatedException;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the order feature's exceptions into problem answers (ahead of the shared
 * catch-all handler, which would answer 500).
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(Ordered.HIGHEST_PRECEDENCE + 10)
class OrderProblemsAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> sagaPipelineSaturated(SagaPipelineSaturatedException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "saga-pipeline-saturated",
				"Too many orders in progress", ex.getMessage() + "; try again later");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())))
			.body(problem);
	}

	@ExceptionHandler
	ProblemDetail orderNotFound(OrderNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail orderNotCancellable(OrderNotCancellableException ex) {
		return Problems.of(HttpStatus.CONFLICT, "order-not-cancellable", "Order cannot be cancelled", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail duplicateSku(DuplicateSkuException ex) {
		return Problems.validation(List.of(new Problems.FieldError("items[" + ex.line() + "].sku", ex.getMessage())));
	}

}
