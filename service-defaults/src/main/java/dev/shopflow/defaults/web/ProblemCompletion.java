package dev.shopflow.defaults.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Completes every problem a servlet service answers through Spring MVC, whichever
 * controller or advice built it (the shared ones and each feature's own): {@code type},
 * {@code instance} and {@code traceId} ({@code Problems.complete}). The filters that
 * answer before MVC runs use {@link ProblemResponses}, which completes them the same way.
 */
@RestControllerAdvice
public class ProblemCompletion implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		// the declared type does not tell: exception handlers return
		// ResponseEntity<Object>
		// and ErrorResponse bodies; beforeBodyWrite looks at the body itself
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
			HttpServletRequest http = servlet.getServletRequest();
			RequestIds.complete(problem, http);
		}
		return body;
	}

}
