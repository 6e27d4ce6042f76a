package dev.shopflow.defaults.openapi;

import java.util.List;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * Completes each operation's answers with what every service does whatever its controller
 * declares (API.md "Errors" and "Identity"): a call that takes input can answer 400, one
 * that needs a token 401, one restricted to a role ({@code @PreAuthorize}) 403, and every
 * 4xx and 5xx answer is an {@code application/problem+json} {@value #PROBLEM}.
 */
class ProblemResponses implements OperationCustomizer {

	static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		ApiResponses responses = operation.getResponses();
		if (takesInput(operation)) {
			addIfAbsent(responses, "400",
					"Malformed or invalid input; a validation problem lists the fields " + "in errors");
		}
		if (needsToken(operation)) {
			addIfAbsent(responses, "401", "No bearer token, or an expired, unsigned, badly signed or malformed one");
		}
		if (restrictedToARole(handlerMethod)) {
			addIfAbsent(responses, "403", "The token lacks the role this call needs");
		}
		responses.forEach((code, response) -> {
			if (code.startsWith("4") || code.startsWith("5")) {
				response.setContent(new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
			}
		});
		return operation;
	}

	private static void addIfAbsent(ApiResponses responses, String code, String description) {
		if (!responses.containsKey(code)) {
			responses.addApiResponse(code, new ApiResponse().description(description));
		}
	}

	// a body, a query or header parameter, or a path variable Spring converts (a UUID, a
	// number): each can be malformed; a plain text path variable cannot
	private static boolean takesInput(Operation operation) {
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		return operation.getRequestBody() != null || parameters.stream()
			.anyMatch((parameter) -> !"path".equals(parameter.getIn()) || !isText(parameter.getSchema()));
	}

	private static boolean isText(Schema<?> schema) {
		return schema != null && "string".equals(type(schema)) && schema.getFormat() == null;
	}

	// OpenAPI 3.0 documents name the type in type, 3.1 documents in types
	private static String type(Schema<?> schema) {
		if (schema.getType() != null) {
			return schema.getType();
		}
		return (schema.getTypes() != null && schema.getTypes().size() == 1) ? schema.getTypes().iterator().next()
				: null;
	}

	// no security of its own means the document's: the bearer token
	private static boolean needsToken(Operation operation) {
		return operation.getSecurity() == null || !operation.getSecurity().isEmpty();
	}

	private static boolean restrictedToARole(HandlerMethod handlerMethod) {
		return AnnotatedElementUtils.hasAnnotation(handlerMethod.getMethod(), PreAuthorize.class)
				|| AnnotatedElementUtils.hasAnnotation(handlerMethod.getBeanType(), PreAuthorize.class);
	}

}
