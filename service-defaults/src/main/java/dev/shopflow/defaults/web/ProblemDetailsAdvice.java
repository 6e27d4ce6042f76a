package dev.shopflow.defaults.web;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

import dev.shopflow.defaults.Problems;
import dev.shopflow.defaults.Problems.FieldError;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where a servlet service turns exceptions into RFC 9457 problem answers:
 * Spring MVC's own exceptions (unknown path, 405, 415, malformed JSON, validation) and
 * anything unexpected, which answers a 500 problem without a stack trace.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.add(new FieldError(error.getField(), error.getDefaultMessage())));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
		return problem(Problems.validation(errors), headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach((error) -> errors.add(new FieldError(name, error.getDefaultMessage())));
		}
		return problem(Problems.validation(errors), headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyLimitFilter.BodyTooLargeException tooLarge = tooLarge(ex);
		if (tooLarge != null) {
			return problem(RequestBodyLimitFilter.tooLarge(tooLarge.maxBytes()), headers, request);
		}
		String detail = "The request body is missing or is not valid JSON.";
		if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			detail = "The request body has a value of the wrong type at '" + path(databind) + "'.";
		}
		return problem(Problems.of(HttpStatus.BAD_REQUEST, "malformed-request-body", "Malformed request body", detail),
				headers, request);
	}

	private static RequestBodyLimitFilter.BodyTooLargeException tooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

	/**
	 * Bean Validation failures of method parameters outside MVC's own validation.
	 * @param ex the violations
	 * @param request the request
	 * @return a 400 problem listing the fields
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		List<FieldError> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
			.toList();
		return problem(Problems.validation(errors), new HttpHeaders(), request);
	}

	/**
	 * Anything no other handler knows: a 500 problem, logged once here with its stack
	 * trace.
	 * @param ex the exception
	 * @param request the request
	 * @return a 500 problem
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		if (isOverloaded(ex)) {
			log.warn("No database connection free in time answering {}: {}", describe(request), ex.getMessage());
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "1");
			return problem(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
					"The service is busy. Retry in a moment."), headers, request);
		}
		log.error("Unexpected error answering {}", describe(request), ex);
		return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The request could not be completed. It is safe to retry."), new HttpHeaders(), request);
	}

	// ProblemCompletion adds type, instance and traceId to this and every other problem
	private ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
		return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
	}

	/**
	 * Whether the request failed because no database connection became free in time (the
	 * pool's {@code SQLTransientConnectionException}, whichever data access layer wrapped
	 * it): the service is overloaded, not broken, so the caller gets a 503 and may retry.
	 */
	private static boolean isOverloaded(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException) {
				return true;
			}
		}
		return false;
	}

	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String describe(WebRequest request) {
		return (request instanceof ServletWebRequest servlet)
				? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI() : request.toString();
	}

}
