package dev.shopflow.defaults.web;

import java.sql.SQLTransientConnectionException;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemDetailsAdviceTests {

	private final MockMvc mvc = mvc();

	private static MockMvc mvc() {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.afterPropertiesSet();
		return MockMvcBuilders.standaloneSetup(new OrdersController())
			.setControllerAdvice(new ProblemDetailsAdvice(), new ProblemCompletion())
			.setValidator(validator)
			.build();
	}

	@Test
	void answersMalformedJsonWithBadRequestProblem() throws Exception {
		this.mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content("{\"items\": ["))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://shopflow.dev/problems/malformed-request-body"))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.instance").value("/orders"));
	}

	@Test
	void namesTheFieldOfAValueOfTheWrongType() throws Exception {
		this.mvc
			.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
				.content("{\"customer\":\"alice\",\"items\":[{\"sku\":\"A\",\"quantity\":\"many\"}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("The request body has a value of the wrong type at 'items[0].quantity'."));
	}

	@Test
	void listsEveryInvalidField() throws Exception {
		this.mvc
			.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
				.content("{\"customer\":\"\",\"items\":[{\"sku\":\"A\",\"quantity\":0}]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://shopflow.dev/problems/validation-failed"))
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[?(@.field == 'items[0].quantity')].message").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'customer')].message").exists());
	}

	@Test
	void answersWrongMethodWithProblem() throws Exception {
		this.mvc.perform(put("/orders"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://shopflow.dev/problems/method-not-allowed"));
	}

	@Test
	void answersUnsupportedMediaTypeWithProblem() throws Exception {
		this.mvc.perform(post("/orders").contentType(MediaType.TEXT_PLAIN).content("hello"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://shopflow.dev/problems/unsupported-media-type"));
	}

	@Test
	void answersUnexpectedFailureWithoutStackTrace() throws Exception {
		this.mvc.perform(get("/orders/broken").header("X-Request-Id", "req-42"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://shopflow.dev/problems/internal-error"))
			.andExpect(jsonPath("$.traceId").value("req-42"))
			.andExpect(jsonPath("$.detail").value("The request could not be completed. It is safe to retry."));
	}

	@Test
	void answersAnExhaustedConnectionPoolWithRetryableServiceUnavailable() throws Exception {
		this.mvc.perform(get("/orders/busy"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://shopflow.dev/problems/service-unavailable"));
	}

	@RestController
	static class OrdersController {

		@GetMapping("/orders/busy")
		String busy() {
			// what Spring's JDBC support makes of Hikari's pool timeout
			throw new IllegalStateException("Failed to obtain JDBC Connection",
					new SQLTransientConnectionException("pool - Connection is not available, request timed out"));
		}

		@PostMapping("/orders")
		String place(@Valid @RequestBody PlaceOrder order) {
			return "ok";
		}

		@GetMapping("/orders/broken")
		String broken() {
			throw new IllegalStateException("secret internals");
		}

	}

	record PlaceOrder(@NotBlank String customer, @NotEmpty List<@Valid Line> items) {
	}

	record Line(@NotBlank String sku, @Min(1) @Max(1000) int quantity) {
	}

}
