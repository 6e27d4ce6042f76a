package dev.shopflow.defaults;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem answers the same way in every service. The {@code type} of a
 * problem is a stable URI ending in a slug ({@code .../problems/not-found}) and is part
 * of the public contract.
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
	 * A 400 problem listing what is wrong with each field of a request.
	 * @param errors the field errors
	 * @return the problem
	 */
	public static ProblemDetail validation(List<FieldError> errors) {
		ProblemDetail problem = of(org.springframework.http.HttpStatus.BAD_REQUEST, "validation-failed",
				"Validation failed", "The request has " + errors.size() + " invalid field(s).");
		problem.setProperty("errors", errors.stream().map(FieldError::asMap).toList());
		return problem;
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
