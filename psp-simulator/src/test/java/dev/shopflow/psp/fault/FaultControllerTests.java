package dev.shopflow.psp.fault;

import dev.shopflow.defaults.web.WebAutoConfiguration;
import dev.shopflow.psp.system.AdminAccess;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * Fault injection over HTTP: settings in, settings now in force out, bad rates refused,
 * and nothing at all without the admin token.
 */
@WebMvcTest(controllers = FaultController.class, properties = "shopflow.psp.admin.token=" + FaultControllerTests.TOKEN)
@ImportAutoConfiguration(WebAutoConfiguration.class)
@Import(AdminAccess.class)
class FaultControllerTests {

	static final String TOKEN = "test-admin-token";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private FaultInjector faults;

	@Test
	void replacesTheFaultsTreatingOmittedFieldsAsZero() {
		Faults flaky = new Faults(0.5, 100L, null, null, null, null, null, null, null);
		given(this.faults.current()).willReturn(flaky);

		assertThat(put("{ \"errorRate\": 0.5, \"latencyMs\": 100 }")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{ "errorRate": 0.5, "latencyMs": 100, "timeoutRate": 0.0, "failAfterChargeRate": 0.0,
				  "failNextCalls": 0, "failAfterChargeNextCalls": 0, "timeoutNextCalls": 0,
				  "clientErrorStatus": 400, "clientErrorNextCalls": 0 }""");
		then(this.faults).should().set(flaky);
	}

	@Test
	void showsTheFaultsInForce() {
		given(this.faults.current()).willReturn(new Faults(null, null, 0.25, null, 3, null, null, null, null));

		assertThat(this.mvc.get().uri("/admin/faults").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{ \"timeoutRate\": 0.25, \"failNextCalls\": 3, \"errorRate\": 0.0 }");
	}

	@Test
	void refusesRatesOutsideZeroToOneAndNegativeCounts() {
		assertThat(put("{ \"errorRate\": 1.5, \"timeoutRate\": -0.1, \"failNextCalls\": -1 }"))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{ "type": "https://shopflow.dev/problems/validation-failed", "title": "Validation failed",
					  "status": 400 }""")
			.hasPathSatisfying("$.errors[*].field", (fields) -> assertThat(fields).asArray()
				.containsExactlyInAnyOrder("errorRate", "timeoutRate", "failNextCalls"));
		then(this.faults).should(never()).set(any());
	}

	@Test
	void refusesAClientErrorStatusThatIsNotAFourHundred() {
		assertThat(put("{ \"clientErrorStatus\": 302, \"clientErrorNextCalls\": 1 }")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.errors[*].field",
					(fields) -> assertThat(fields).asArray().containsExactly("clientErrorStatus"));
		then(this.faults).should(never()).set(any());
	}

	@Test
	void answersARateOfTheWrongTypeWithMalformedBodyProblem() {
		assertThat(put("{ \"errorRate\": \"often\" }")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{ "type": "https://shopflow.dev/problems/malformed-request-body", "title": "Malformed request body",
					  "status": 400, "detail": "The request body has a value of the wrong type at 'errorRate'." }""");
		then(this.faults).should(never()).set(any());
	}

	@Test
	void answersABodyThatIsNotJsonWithUnsupportedMediaTypeProblem() {
		assertThat(this.mvc.put()
			.uri("/admin/faults")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.TEXT_PLAIN)
			.content("errorRate=1")).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("https://shopflow.dev/problems/unsupported-media-type");
	}

	@Test
	void refusesToChangeTheFaultsWithoutTheAdminToken() {
		assertThat(this.mvc.put()
			.uri("/admin/faults")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{ \"errorRate\": 1 }")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"psp-simulator-admin\"")
			.bodyJson()
			.isLenientlyEqualTo("""
					{ "type": "https://shopflow.dev/problems/unauthorized", "title": "Unauthorized", "status": 401,
					  "instance": "/admin/faults" }""");
		then(this.faults).shouldHaveNoInteractions();
	}

	@Test
	void refusesAWrongTokenOrAnotherScheme() {
		for (String authorization : new String[] { "Bearer " + TOKEN + "x", "Bearer test-admin-toke", "Bearer ",
				"Basic " + TOKEN, TOKEN }) {
			assertThat(this.mvc.get().uri("/admin/faults").header(HttpHeaders.AUTHORIZATION, authorization))
				.as(authorization)
				.hasStatus(HttpStatus.UNAUTHORIZED)
				.bodyJson()
				.extractingPath("$.type")
				.isEqualTo("https://shopflow.dev/problems/unauthorized");
		}
		then(this.faults).shouldHaveNoInteractions();
	}

	private MockMvcRequestBuilder put(String body) {
		return this.mvc.put()
			.uri("/admin/faults")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

}
