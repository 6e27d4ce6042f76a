package dev.shopflow.inventory.product;

import dev.shopflow.defaults.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the catalogue's domain exceptions into RFC 9457 problems; everything else is
 * answered by service-defaults' {@code ProblemDetailsAdvice}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ProductProblemsAdvice {

	@ExceptionHandler
	ProblemDetail productNotFound(ProductNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "product-not-found", "Product not found",
				"No product has the sku '" + ex.sku() + "'.");
	}

	@ExceptionHandler
	ProblemDetail duplicateSku(DuplicateSkuException ex) {
		return Problems.of(HttpStatus.CONFLICT, "duplicate-sku", "SKU already exists",
				"A product with the sku '" + ex.sku() + "' already exists.");
	}

	@ExceptionHandler
	ProblemDetail insufficientStock(InsufficientStockException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "insufficient-stock", "Insufficient stock",
				"Adjusting the stock of '" + ex.sku() + "' by " + ex.delta() + " would make the available stock ("
						+ ex.available() + ") negative.");
		problem.setProperty("available", ex.available());
		return problem;
	}

}
