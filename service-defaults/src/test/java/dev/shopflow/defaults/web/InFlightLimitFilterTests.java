package dev.shopflow.defaults.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightLimitFilterTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final InFlightLimitFilter filter = new InFlightLimitFilter(1, this.meters);

	@Test
	void refusesRequestBeyondTheLimitWithServiceUnavailableProblemAndRetryAfter() throws Exception {
		AtomicReference<MockHttpServletResponse> refused = new AtomicReference<>();
		AtomicReference<MockHttpServletResponse> probe = new AtomicReference<>();
		AtomicReference<MockHttpServletResponse> publicProbe = new AtomicReference<>();
		MockHttpServletResponse first = new MockHttpServletResponse();

		// while the first request is being handled, a second arrives, and a probe
		this.filter.doFilter(new MockHttpServletRequest("GET", "/api/orders/1"), first, (request, response) -> {
			refused.set(handle("/api/orders/2"));
			probe.set(handle("/actuator/health/readiness"));
			publicProbe.set(handle("/readyz"));
		});

		assertThat(first.getStatus()).isEqualTo(200);
		assertThat(refused.get().getStatus()).isEqualTo(503);
		assertThat(refused.get().getHeader("Retry-After")).isEqualTo("1");
		assertThat(refused.get().getContentType()).startsWith("application/problem+json");
		assertThat(refused.get().getContentAsString())
			.contains("\"type\":\"https://shopflow.dev/problems/service-unavailable\"")
			.contains("\"status\":503")
			.contains("\"instance\":\"/api/orders/2\"");
		assertThat(probe.get().getStatus()).isEqualTo(200);
		assertThat(publicProbe.get().getStatus()).isEqualTo(200);
		assertThat(this.meters.get("shopflow.http.refused").counter().count()).isEqualTo(1);
	}

	@Test
	void takesRequestsAgainOnceTheOneInFlightIsDoneEvenIfItFailed() throws Exception {
		try {
			this.filter.doFilter(new MockHttpServletRequest("GET", "/api/orders/1"), new MockHttpServletResponse(),
					(request, response) -> {
						throw new IllegalStateException("the handler failed");
					});
		}
		catch (IllegalStateException expected) {
			// the failure itself is the advice's to answer
		}

		assertThat(handle("/api/orders/2").getStatus()).isEqualTo(200);
		assertThat(this.meters.get("shopflow.http.in.flight").gauge().value()).isZero();
	}

	private MockHttpServletResponse handle(String path) throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain());
		return response;
	}

}
