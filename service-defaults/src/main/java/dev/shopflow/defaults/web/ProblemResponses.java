package dev.shopflow.defaults.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem straight to a servlet response, for the filters that answer before any
 * controller or advice runs (security, load shedding).
 */
public final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	/**
	 * Writes the problem as {@code application/problem+json}, completed like every other
	 * problem ({@code Problems.complete}: type, instance, traceId).
	 * @param response the response
	 * @param request the request
	 * @param problem the problem
	 * @throws IOException if the client went away
	 */
	public static void write(HttpServletResponse response, HttpServletRequest request, ProblemDetail problem)
			throws IOException {
		RequestIds.complete(problem, request);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", problem.getInstance().toString());
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
	}

}
