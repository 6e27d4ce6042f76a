package dev.shopflow.defaults.web;

import java.net.URI;

import dev.shopflow.defaults.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that never reached a controller (a filter's rejection, the container's
 * own 400s) with a problem instead of Boot's legacy {@code {timestamp,status,error,path}}
 * body.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "${server.error.path:${error.path:/error}}",
			produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, "*/*" })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatusCode status = status(request);
		ProblemDetail problem = switch (status.value()) {
			case 401 -> Problems.unauthorized(false);
			case 403 -> Problems.forbidden();
			default -> Problems.ofStatus(status, detail(status));
		};
		// the path that failed, not this error page's; ProblemCompletion adds the traceId
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri instanceof String path) {
			problem.setInstance(URI.create(path));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatusCode status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		return (code instanceof Integer value && value >= 400 && value <= 599) ? HttpStatusCode.valueOf(value)
				: HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String detail(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "The request could not be understood.";
			case 404 -> "No resource exists at this path.";
			default -> status.is5xxServerError() ? "The request could not be completed. It is safe to retry."
					: "The request was refused.";
		};
	}

}
