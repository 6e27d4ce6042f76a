package dev.shopflow.defaults.deadletters;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.shopflow.defaults.security.ServletSecurityAutoConfiguration;
import dev.shopflow.defaults.web.WebAutoConfiguration;
import dev.shopflow.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.shopflow.testsupport.SliceTokens.token;
import static dev.shopflow.testsupport.SliceTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * The operators' dead-letter endpoints with the broker access mocked, behind the real
 * security chain ({@code /api/admin/**} is admin only) and problem answers. A library has
 * no application class: {@link DeadLetterSlice} stands in for a service's.
 */
@WebMvcTest(controllers = DeadLetterController.class, properties = "spring.application.name=inventory-service")
@ImportAutoConfiguration({ WebAutoConfiguration.class, ServletSecurityAutoConfiguration.class })
class DeadLetterControllerTests {

	private static final String BASE = "/api/admin/inventory-service/dead-letters";

	private static final String TOPIC = "shopflow.inventory.commands.dlt";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private DeadLetters deadLetters;

	@Test
	void listsTheNewestHundredDeadLettersByDefault() {
		given(this.deadLetters.topics()).willReturn(List.of(TOPIC));
		given(this.deadLetters.list(100)).willReturn(List.of(poisonCommand()));

		assertThat(this.mvc.get().uri(BASE).with(admin())).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{ "topics": [ "shopflow.inventory.commands.dlt" ],
				  "deadLetters": [ { "topic": "shopflow.inventory.commands.dlt", "partition": 0, "offset": 5,
				                     "deadLetteredAt": "2026-11-21T10:15:30.123Z", "type": "inventory.ReserveStock.v1",
				                     "originalTopic": "shopflow.inventory.commands", "originalOffset": 41,
				                     "reason": "unknown sku", "payload": { "paymentToken": "***" } } ] }""");
	}

	@Test
	void refusesALimitOutsideOneToAThousand() {
		assertProblem(this.mvc.get().uri(BASE).param("limit", "1001").with(admin()), HttpStatus.BAD_REQUEST,
				"validation-failed", "Validation failed");
		assertProblem(this.mvc.get().uri(BASE).param("limit", "0").with(admin()), HttpStatus.BAD_REQUEST,
				"validation-failed", "Validation failed");
		then(this.deadLetters).should(never()).list(anyInt());
	}

	@Test
	void showsOneDeadLetter() {
		given(this.deadLetters.find(TOPIC, 0, 5)).willReturn(Optional.of(poisonCommand()));

		assertThat(this.mvc.get().uri(BASE + "/{topic}/{partition}/{offset}", TOPIC, 0, 5).with(admin())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.key")
			.isEqualTo("7d1b4a4e-3c2f-4f7a-9d55-0d8f3a1c2b10");
	}

	@Test
	void answersAnUnknownRecordWithNotFoundProblem() {
		given(this.deadLetters.find(TOPIC, 0, 99)).willReturn(Optional.empty());

		assertProblem(this.mvc.get().uri(BASE + "/{topic}/{partition}/{offset}", TOPIC, 0, 99).with(admin()),
				HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter not found");
	}

	@Test
	void answersAPartitionThatIsNotANumberWithBadRequestProblem() {
		assertThat(this.mvc.get().uri(BASE + "/{topic}/{partition}/{offset}", TOPIC, "first", 5).with(admin()))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("{ \"type\": \"https://shopflow.dev/problems/bad-request\", \"status\": 400 }");
		then(this.deadLetters).shouldHaveNoInteractions();
	}

	@Test
	void redrivesADeadLetterInTheNameOfTheCaller() {
		given(this.deadLetters.redrive(TOPIC, 0, 5, "ops-anna")).willReturn(Optional.of(poisonCommand()));

		assertThat(this.mvc.post().uri(BASE + "/{topic}/{partition}/{offset}/redrive", TOPIC, 0, 5).with(admin()))
			.hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.originalTopic")
			.isEqualTo("shopflow.inventory.commands");
		then(this.deadLetters).should().redrive(TOPIC, 0, 5, "ops-anna");
	}

	@Test
	void answersARedriveOfAnUnknownRecordWithNotFoundProblem() {
		given(this.deadLetters.redrive(TOPIC, 0, 99, "ops-anna")).willReturn(Optional.empty());

		assertProblem(this.mvc.post().uri(BASE + "/{topic}/{partition}/{offset}/redrive", TOPIC, 0, 99).with(admin()),
				HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter not found");
	}

	@Test
	void answersAnUnreachableBrokerWithServiceUnavailableProblemAndRetryAfter() {
		given(this.deadLetters.list(100))
			.willThrow(new DeadLetterUnavailableException("the dead-letter topics could not be read", null));

		assertThat(this.mvc.get().uri(BASE).with(admin())).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(HttpHeaders.RETRY_AFTER, "5");
		assertProblem(this.mvc.get().uri(BASE).with(admin()), HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable",
				"Broker unavailable");
	}

	@Test
	void refusesACustomerWithForbiddenProblem() {
		assertProblem(this.mvc.get().uri(BASE).with(token("alice", "customer")), HttpStatus.FORBIDDEN, "forbidden",
				"Forbidden");
		assertProblem(this.mvc.post()
			.uri(BASE + "/{topic}/{partition}/{offset}/redrive", TOPIC, 0, 5)
			.with(token("alice", "customer")), HttpStatus.FORBIDDEN, "forbidden", "Forbidden");
		then(this.deadLetters).shouldHaveNoInteractions();
	}

	@Test
	void refusesACallWithoutTokenWithUnauthorizedProblem() {
		assertProblem(this.mvc.get().uri(BASE), HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized");
		then(this.deadLetters).shouldHaveNoInteractions();
	}

	private static DeadLetter poisonCommand() {
		return new DeadLetter(TOPIC, 0, 5, Instant.parse("2026-11-21T10:15:30.123Z"),
				"7d1b4a4e-3c2f-4f7a-9d55-0d8f3a1c2b10", "inventory.ReserveStock.v1", "shopflow.inventory.commands", 2,
				41L, "dev.shopflow.common.PermanentMessageException", "unknown sku",
				JsonMapper.builder().build().readTree("{ \"paymentToken\": \"***\" }"));
	}

	private static RequestPostProcessor admin() {
		return token("ops-anna", "admin");
	}

	/**
	 * What a service's application class gives the slice: the controller as
	 * {@link DeadLettersAutoConfiguration} registers it (its Kafka conditions aside) and
	 * a token decoder.
	 */
	@SpringBootConfiguration
	@Import({ DeadLetterController.class, DeadLetterProblems.class, TestTokens.Decoder.class })
	static class DeadLetterSlice {

	}

}
