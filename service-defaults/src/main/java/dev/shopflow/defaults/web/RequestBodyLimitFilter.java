package dev.shopflow.defaults.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds a request body as it streams: a declared {@code Content-Length} over the limit
 * is refused before anything is read, and a body without one (chunked) fails its read
 * once it passes the limit, which {@link ProblemDetailsAdvice} answers with the same 413
 * problem. The servlet container bounds only form bodies ({@code maxPostSize}); without
 * this a single chunked request could fill the heap. Hand-written because neither Tomcat
 * nor Spring has such a bound for other bodies.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	RequestBodyLimitFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			ProblemResponses.write(response, request, tooLarge(this.maxBytes));
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
	}

	/**
	 * The problem of a body over the limit.
	 * @param maxBytes the limit
	 * @return a 413 problem
	 */
	static ProblemDetail tooLarge(long maxBytes) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + maxBytes + " bytes.");
		problem.setTitle("Request body too large");
		return problem;
	}

	/**
	 * Thrown by a read that takes the body past the limit.
	 */
	static final class BodyTooLargeException extends IOException {

		private final long maxBytes;

		BodyTooLargeException(long maxBytes) {
			super("The request body is larger than " + maxBytes + " bytes");
			this.maxBytes = maxBytes;
		}

		long maxBytes() {
			return this.maxBytes;
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long read;

		LimitedStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int next = this.delegate.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.delegate.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) throws BodyTooLargeException {
			this.read += bytes;
			if (this.read > this.maxBytes) {
				throw new BodyTooLargeException(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
