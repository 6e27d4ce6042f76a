package dev.shopflow.defaults.reactive;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import javax.net.ssl.SSLException;

import dev.shopflow.defaults.Problems;
import dev.shopflow.defaults.tracing.TraceContexts;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The one place where a reactive application (the gateway) turns any error into an RFC
 * 9457 problem answer: unknown paths, 405, 415, 413, an unreachable or slow downstream, a
 * downstream that died mid-request, and anything unexpected (a 500 without a stack
 * trace).
 */
@Order(-2)
public class ProblemErrorWebExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

	private static final String REQUEST_ID_HEADER = "X-Request-Id";

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = toProblem(ex, exchange);
		if (ex instanceof ErrorResponse errorResponse) {
			response.getHeaders().addAll(errorResponse.getHeaders());
		}
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (problem.getStatus() == 503 && !response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
		}
		byte[] body = this.json.writeValueAsBytes(asMap(problem));
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	private ProblemDetail toProblem(Throwable ex, ServerWebExchange exchange) {
		ProblemDetail problem;
		ResponseStatus annotated = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		if (ex instanceof ErrorResponse errorResponse) {
			// the exception's own problem (the gateway's 401 and 403 are built with
			// Problems), completed below like every other
			problem = errorResponse.getBody();
			if (problem.getDetail() == null) {
				problem.setDetail(detailFor(errorResponse.getStatusCode()));
			}
		}
		else if (annotated != null) {
			problem = Problems.ofStatus(annotated.code(), detailFor(annotated.code()));
		}
		else if (hasCause(ex, ConnectException.class) || hasCause(ex, UnknownHostException.class) || isShedding(ex)) {
			problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
					detailFor(HttpStatus.SERVICE_UNAVAILABLE));
		}
		else if (hasCause(ex, SSLException.class)) {
			// an https:// service whose certificate is not trusted (SHOPFLOW_TLS_TRUST)
			// or
			// not issued for its host name: a configuration fault, not an outage
			log.warn("No trusted TLS connection for {} {}: {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), rootMessage(ex));
			problem = Problems.of(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway",
					"The gateway could not open a trusted connection to the service behind this path.");
		}
		else if (closedBeforeAnswer(ex)) {
			problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
					"The service behind this path closed the connection before it answered (it stopped or"
							+ " crashed). Try again later; a request with an Idempotency-Key may be sent again as is.");
		}
		else if (hasCause(ex, TimeoutException.class) || ex.getClass().getSimpleName().contains("Timeout")) {
			problem = Problems.of(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "Gateway timeout",
					detailFor(HttpStatus.GATEWAY_TIMEOUT));
		}
		else {
			log.error("Unexpected error answering {} {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex);
			problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
					"The request could not be completed. It is safe to retry.");
		}
		String requestId = exchange.getRequest().getHeaders().getFirst(REQUEST_ID_HEADER);
		if (requestId == null) {
			requestId = exchange.getResponse().getHeaders().getFirst(REQUEST_ID_HEADER);
		}
		return Problems.complete(problem, exchange.getRequest().getPath().value(), traceparent(exchange), requestId);
	}

	/**
	 * The {@code traceparent} the request came with (its trace, which the gateway's span
	 * continues), else the context of the request's server span: a reactive handler has
	 * no current span of its own to ask.
	 */
	private static String traceparent(ServerWebExchange exchange) {
		String offered = exchange.getRequest().getHeaders().getFirst("traceparent");
		if (TraceContexts.isValid(offered)) {
			return offered;
		}
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> context.<TracingObservationHandler.TracingContext>get(
					TracingObservationHandler.TracingContext.class))
			.map(TracingObservationHandler.TracingContext::getSpan)
			.map((span) -> "00-" + span.context().traceId() + "-" + span.context().spanId() + "-01")
			.filter(TraceContexts::isValid)
			.orElse(null);
	}

	private static String detailFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 503 -> "The service behind this path is unavailable. Try again later.";
			case 504 -> "The service behind this path did not answer in time.";
			default -> "The request could not be completed.";
		};
	}

	/**
	 * A resilience guard (bulkhead, open circuit) refused the call: the service is
	 * unavailable now.
	 */
	private static boolean isShedding(Throwable ex) {
		String name = ex.getClass().getSimpleName();
		return name.equals("BulkheadFullException") || name.equals("CallNotPermittedException");
	}

	/**
	 * The service died or stopped while it held the request (reactor-netty's
	 * {@code PrematureCloseException}, matched by name: this module does not depend on
	 * reactor-netty).
	 */
	private static boolean closedBeforeAnswer(Throwable ex) {
		return hasCause(ex, (cause) -> cause.getClass().getSimpleName().equals("PrematureCloseException"));
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		return hasCause(ex, type::isInstance);
	}

	private static boolean hasCause(Throwable ex, Predicate<Throwable> test) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (test.test(cause)) {
				return true;
			}
		}
		return false;
	}

	private static Map<String, Object> asMap(ProblemDetail problem) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("type", String.valueOf(problem.getType()));
		map.put("title", problem.getTitle());
		map.put("status", problem.getStatus());
		map.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			map.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			map.putAll(problem.getProperties());
		}
		return map;
	}

}
