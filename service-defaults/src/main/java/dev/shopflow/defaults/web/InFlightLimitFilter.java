package dev.shopflow.defaults.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import dev.shopflow.defaults.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Load shedding at the service: at most {@code maxInFlight} API requests are handled at
 * once; one more is answered at once with a 503 problem and {@code Retry-After}, before
 * security or any controller runs. On virtual threads nothing else bounds how many
 * requests a service takes on: under overload they would all wait for the database pool,
 * each holding its buffers and stack, until the heap runs out (measured: 2000 requests in
 * flight, heap exhausted at 70 orders/s). The probes are never refused: {@code /livez}
 * and {@code /readyz} of the public port, and {@code /actuator} should the management
 * port be the public one.
 */
class InFlightLimitFilter extends OncePerRequestFilter {

	private final Semaphore permits;

	private final int maxInFlight;

	private final Counter refused;

	InFlightLimitFilter(int maxInFlight, MeterRegistry meters) {
		this.maxInFlight = maxInFlight;
		this.permits = new Semaphore(maxInFlight);
		this.refused = Counter.builder("shopflow.http.refused")
			.description("API requests refused because the instance had too many in flight")
			.register(meters);
		Gauge
			.builder("shopflow.http.in.flight", this,
					(filter) -> filter.maxInFlight - filter.permits.availablePermits())
			.description("API requests being handled")
			.register(meters);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.equals("/livez") || path.equals("/readyz") || path.startsWith("/actuator");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.permits.tryAcquire()) {
			this.refused.increment();
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			ProblemResponses.write(response, request, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
					"Service unavailable", "The service is busy. Retry in a moment."));
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.permits.release();
		}
	}

}
