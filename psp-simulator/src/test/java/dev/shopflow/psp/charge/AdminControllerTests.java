package dev.shopflow.psp.charge;

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
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * The simulator's test helpers over HTTP: call statistics and resets, only with the admin
 * token.
 */
@WebMvcTest(controllers = AdminController.class, properties = "shopflow.psp.admin.token=" + AdminControllerTests.TOKEN)
@ImportAutoConfiguration(WebAutoConfiguration.class)
@Import(AdminAccess.class)
class AdminControllerTests {

	static final String TOKEN = "test-admin-token";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ChargeBook book;

	@MockitoBean
	private CallCounter calls;

	@Test
	void reportsTheCallCountsAlsoForOneIdempotencyKey() {
		given(this.calls.stats("tx-1")).willReturn(new CallCounter.CallStats(7, 2, 3, 4));

		assertThat(admin(this.mvc.get().uri("/admin/stats").param("idempotencyKey", "tx-1"))).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("""
					{ "chargeCalls": 7, "refundCalls": 2, "chargeCallsForKey": 3, "maxConcurrentCharges": 4 }""");
	}

	@Test
	void reportsTheCallCountsWithoutAKey() {
		given(this.calls.stats(null)).willReturn(new CallCounter.CallStats(1, 0, 0, 1));

		assertThat(admin(this.mvc.get().uri("/admin/stats"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.chargeCallsForKey")
			.isEqualTo(0);
	}

	@Test
	void startsMeasuringConcurrencyAfresh() {
		assertThat(admin(this.mvc.delete().uri("/admin/stats/max-concurrent-charges")))
			.hasStatus(HttpStatus.NO_CONTENT);
		then(this.calls).should().resetConcurrency();
		then(this.book).shouldHaveNoInteractions();
	}

	@Test
	void forgetsEveryChargeAndTheCounts() {
		assertThat(admin(this.mvc.delete().uri("/admin/charges"))).hasStatus(HttpStatus.NO_CONTENT)
			.bodyText()
			.isEmpty();
		then(this.book).should().clear();
		then(this.calls).should().reset();
	}

	@Test
	void answersAnotherMethodWithMethodNotAllowedProblem() {
		assertThat(admin(this.mvc.post().uri("/admin/charges"))).hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{ "type": "https://shopflow.dev/problems/method-not-allowed", "status": 405 }""")
			.hasPath("$.title");
		then(this.book).shouldHaveNoInteractions();
	}

	@Test
	void refusesToForgetTheChargesWithoutTheAdminToken() {
		assertThat(this.mvc.delete().uri("/admin/charges")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo(
					"""
							{ "type": "https://shopflow.dev/problems/unauthorized", "title": "Unauthorized", "status": 401 }""");
		assertThat(this.mvc.get().uri("/admin/stats").header(HttpHeaders.AUTHORIZATION, "Bearer wrong"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		then(this.book).shouldHaveNoInteractions();
		then(this.calls).shouldHaveNoInteractions();
	}

	@Test
	void refusesUnknownAdminPathsAndOtherMethodsWithoutTheTokenAlike() {
		// without the token nothing under /admin answers anything but 401
		assertThat(this.mvc.post().uri("/admin/charges")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/admin/nope")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/admin")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private static MockMvcRequestBuilder admin(MockMvcRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
	}

}
