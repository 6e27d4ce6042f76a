package dev.shopflow.defaults.openapi;

import java.util.LinkedHashSet;
import java.util.List;

import dev.shopflow.defaults.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI document of a service (springdoc): titled after the service, with the
 * bearer token scheme every {@code /api} call uses, so the gateway's Swagger UI can send
 * a token, and the problem answers every service gives ({@link ProblemResponses}).
 */
@AutoConfiguration
@ConditionalOnClass({ OpenAPI.class, OperationCustomizer.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OpenApiAutoConfiguration {

	private static final String BEARER = "bearer-jwt";

	static {
		// resolved from the token (CallerArgumentResolver), never sent by a client
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
		// a dead letter's payload: the message's JSON, or the start of an unreadable one
		// as text; not the getters of Jackson's JsonNode
		SpringDocUtils.getConfig()
			.replaceWithSchema(JsonNode.class, new Schema<>().types(new LinkedHashSet<>(List.of("object", "string")))
				.description("The message's JSON (card tokens masked), or the start of an unreadable one as text"));
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAPI shopflowOpenApi(@Value("${spring.application.name:shopflow}") String service) {
		return new OpenAPI()
			.info(new Info().title("Shopflow " + service)
				.version("v1")
				.description("Part of the Shopflow public API; errors are RFC 9457 problems.")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
			// relative: clients reach the service through the gateway that serves this
			// document (its Swagger UI), never at the address the service itself sees
			.servers(List.of(new Server().url("/")
				.description("The Shopflow gateway this document was read from (API.md: all client traffic "
						+ "enters through the gateway)")))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("JWT")
							.description("A JWT (RS256 or ES256); its claim roles holds customer and/or admin"))
				.addSchemas(ProblemResponses.PROBLEM, problemSchema()))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	OperationCustomizer shopflowProblemResponses() {
		return new ProblemResponses();
	}

	private static Schema<?> problemSchema() {
		Schema<?> fieldError = new ObjectSchema()
			.addProperty("field", new StringSchema().description("The request field, e.g. items[0].quantity"))
			.addProperty("message", new StringSchema());
		return new ObjectSchema().description("An RFC 9457 problem")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("A stable URI naming the kind of problem, part of the contract"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().format("uri-reference"))
			.addProperty("traceId", new StringSchema().description("The W3C trace id of the request"))
			.addProperty("errors",
					new ArraySchema().items(fieldError).description("Validation failures (400 answers only)"))
			.required(List.of("type", "title", "status", "detail"));
	}

}
