package dev.shopflow.defaults.web;

import java.io.IOException;

import dev.shopflow.defaults.LogContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every log line of a request carries its {@code traceId}, the one its problem answer
 * would carry ({@link LogContext#ofRequest}); also on the error and async dispatches,
 * which log too.
 */
class LogContextFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try (LogContext context = LogContext.ofRequest(request.getHeader("traceparent"),
				request.getHeader(RequestIds.REQUEST_ID_HEADER))) {
			chain.doFilter(request, response);
		}
	}

}
