package dev.shopflow.defaults.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/** Finds the id that ties a problem answer to the logs of the request that caused it. */
final class RequestIds {

	static final String REQUEST_ID_HEADER = "X-Request-Id";

	private RequestIds() {
	}

	/**
	 * The W3C trace id of the request if it came with a {@code traceparent}, else its
	 * {@code X-Request-Id}.
	 * @param request the request
	 * @return the id, if there is one
	 */
	static Optional<String> traceId(HttpServletRequest request) {
		String traceparent = request.getHeader("traceparent");
		if (traceparent != null) {
			String[] parts = traceparent.split("-");
			if (parts.length == 4 && parts[1].length() == 32) {
				return Optional.of(parts[1]);
			}
		}
		return Optional.ofNullable(request.getHeader(REQUEST_ID_HEADER)).filter((id) -> !id.isBlank());
	}

}
