package dev.shopflow.defaults;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem answers the same way in every service, and completes them the
 * same way in both web stacks ({@link #complete}): every answer, whoever built it, ends
 * with a {@code type}, the request's path as its {@code instance} and the {@code traceId}
 * that ties it to the logs. The {@code type} of a problem is a stable URI ending in a
 * slug ({@code .../problems/not-found}) and is part of the public contract.
 */
public final class Problems {

	/** Base of every problem {@code type} URI. */
	public static final String TYPE_BASE = "https://shopflow.dev/problems/";

	private Problems() {
	}

	/**
	 * A problem with a stable type slug.
	 * @param status the HTTP status
	 * @param slug the type slug, e.g. {@code out-of-stock}
	 * @param title a short, human-readable summary that does not change between
	 * occurrences
	 * @param detail what happened this time
	 * @return the problem
	 */
	public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + slug));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * A problem that says no more than its status: the status's slug and reason phrase.
	 * @param status the status
	 * @param detail what happened
	 * @return the problem
	 */
	public static ProblemDetail ofStatus(HttpStatusCode status, String detail) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return of(status, slugFor(status), (known != null) ? known.getReasonPhrase() : "Error", detail);
	}

	/**
	 * A 400 problem listing what is wrong with each field of a request.
	 * @param errors the field errors
	 * @return the problem
	 */
	public static ProblemDetail validation(List<FieldError> errors) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed",
				"The request has " + errors.size() + " invalid field(s).");
		problem.setProperty("errors", errors.stream().map(FieldError::asMap).toList());
		return problem;
	}

	/**
	 * The 401 answer to a call without a usable bearer token.
	 * @param tokenSent whether a token came (malformed, expired, untrusted) or none
	 * @return the problem
	 */
	public static ProblemDetail unauthorized(boolean tokenSent) {
		return of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
				tokenSent ? "The bearer token is malformed, expired or not signed by a trusted issuer."
						: "This call needs a bearer token.");
	}

	/**
	 * The 403 answer to a token without the role a call needs.
	 * @return the problem
	 */
	public static ProblemDetail forbidden() {
		return of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "The token does not carry the role this call needs.");
	}

	/**
	 * Completes a problem before it is written: a {@code type} from its status if it has
	 * none, the path as its {@code instance} unless it has one, and the trace id.
	 * @param problem the problem, changed in place
	 * @param path the path of the request that failed
	 * @param traceparent the request's W3C {@code traceparent} header, or {@code null}
	 * @param requestId the request's {@code X-Request-Id}, or {@code null}
	 * @return the problem
	 */
	public static ProblemDetail complete(ProblemDetail problem, String path, String traceparent, String requestId) {
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(URI.create(TYPE_BASE + slugFor(HttpStatusCode.valueOf(problem.getStatus()))));
		}
		if (problem.getInstance() == null && path != null) {
			problem.setInstance(URI.create(path));
		}
		traceId(traceparent, requestId).ifPresent((traceId) -> problem.setProperty("traceId", traceId));
		return problem;
	}

	/**
	 * The id that ties an answer to the logs and the trace of its request: the W3C trace
	 * id of the caller's valid {@code traceparent} (the request's span continues that
	 * trace), else that of the current span (the request's own, for a caller that sent
	 * none), else the request id (only when tracing is off).
	 * @param traceparent the {@code traceparent} header, or {@code null}
	 * @param requestId the {@code X-Request-Id} header, or {@code null}
	 * @return the id, if there is one
	 */
	public static Optional<String> traceId(String traceparent, String requestId) {
		if (traceparent != null) {
			String[] parts = traceparent.split("-");
			if (parts.length == 4 && parts[1].length() == 32) {
				return Optional.of(parts[1]);
			}
		}
		// OpenTelemetry's own current context: Micrometer Tracing's bridge makes every
		// span
		// in scope current there too, and this static class has no tracer to ask
		SpanContext current = Span.current().getSpanContext();
		if (current.isValid()) {
			return Optional.of(current.getTraceId());
		}
		return Optional.ofNullable(requestId).filter((id) -> !id.isBlank());
	}

	/**
	 * The type slug for a status that has no more specific one.
	 * @param status the HTTP status
	 * @return the slug, e.g. {@code not-found}
	 */
	public static String slugFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "bad-request";
			case 401 -> "unauthorized";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 422 -> "unprocessable-content";
			case 429 -> "too-many-requests";
			case 502 -> "bad-gateway";
			case 503 -> "service-unavailable";
			case 504 -> "gateway-timeout";
			default -> status.is5xxServerError() ? "internal-error" : "http-" + status.value();
		};
	}

	/**
	 * One invalid field of a request.
	 *
	 * @param field the path of the field, e.g. {@code items[0].quantity}
	 * @param message what is wrong with it
	 */
	public record FieldError(String field, String message) {

		Map<String, String> asMap() {
			return Map.of("field", this.field, "message", this.message);
		}

	}

}
