package dev.shopflow.defaults.web;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextFilterTests {

	@Test
	void logsTheRequestsTraceIdWhileItIsHandled() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders");
		request.addHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		request.addHeader("X-Request-Id", "req-1");
		AtomicReference<String> logged = new AtomicReference<>();

		new LogContextFilter().doFilter(request, new MockHttpServletResponse(),
				(req, res) -> logged.set(MDC.get("traceId")));

		assertThat(logged.get()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(MDC.get("traceId")).isNull();
	}

	@Test
	void fallsBackToTheGatewaysRequestId() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders/1");
		request.addHeader("X-Request-Id", "req-1");
		AtomicReference<String> logged = new AtomicReference<>();

		new LogContextFilter().doFilter(request, new MockHttpServletResponse(),
				(req, res) -> logged.set(MDC.get("traceId")));

		assertThat(logged.get()).isEqualTo("req-1");
	}

}
