package dev.shopflow.benchmark;

import java.net.http.HttpResponse;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * How the stack turned an order away: status, whether the body was an RFC 9457 problem
 * ({@code application/problem+json} with a {@code status} or {@code title}) and whether a
 * {@code Retry-After} header told the client when to come back. The benchmark counts
 * refusals by this description and never retries them: the load stays open-loop.
 */
final class Refusal {

	private Refusal() {
	}

	static String describe(HttpResponse<String> response) {
		return describe(response.statusCode(), response.headers().firstValue("Content-Type"),
				response.headers().firstValue("Retry-After"), response.body());
	}

	/**
	 * @param status the status code
	 * @param contentType the {@code Content-Type} header
	 * @param retryAfter the {@code Retry-After} header
	 * @param body the body
	 * @return e.g. {@code 503 problem+json, Retry-After} or
	 * {@code 429 not a problem (text/plain), no Retry-After}
	 */
	static String describe(int status, Optional<String> contentType, Optional<String> retryAfter, String body) {
		String problem = isProblem(contentType, body) ? "problem+json"
				: "not a problem (" + contentType.map((type) -> type.split(";")[0].trim()).orElse("no body type") + ")";
		String retry = retryAfter.filter((value) -> !value.isBlank()).isPresent() ? "Retry-After" : "no Retry-After";
		return status + " " + problem + ", " + retry;
	}

	static boolean isProblem(Optional<String> contentType, String body) {
		if (contentType.isEmpty() || !contentType.get().toLowerCase().startsWith("application/problem+json")) {
			return false;
		}
		try {
			JsonNode problem = ShopClient.JSON.readTree((body != null) ? body : "");
			return problem.isObject() && (problem.has("status") || problem.has("title"));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Whether a status means "not now": the stack shed the order or limited the caller.
	 * @param status the status code
	 * @return for 429 and 503
	 */
	static boolean isRefusal(int status) {
		return status == 429 || status == 503;
	}

}
