package dev.shopflow.defaults.web;

import dev.shopflow.defaults.Problems;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ProblemDetail;

/** Finds the id that ties a problem answer to the logs of the request that caused it. */
final class RequestIds {

	static final String REQUEST_ID_HEADER = "X-Request-Id";

	private RequestIds() {
	}

	/**
	 * Completes a problem for the request that failed ({@link Problems#complete}).
	 * @param problem the problem
	 * @param request the request
	 * @return the problem
	 */
	static ProblemDetail complete(ProblemDetail problem, HttpServletRequest request) {
		return Problems.complete(problem, request.getRequestURI(), request.getHeader("traceparent"),
				request.getHeader(REQUEST_ID_HEADER));
	}

}
