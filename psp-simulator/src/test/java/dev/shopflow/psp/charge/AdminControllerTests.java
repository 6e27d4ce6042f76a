package dev.shopflow.psp.charge;

import dev.shopflow.defaults.web.WebAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/** The simulator's test helpers over HTTP: call statistics and resets. */
@WebMvcTest(AdminController.class)
@ImportAutoConfiguration(WebAutoConfiguration.class)
class AdminControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ChargeBook book;

	@MockitoBean
	private CallCounter calls;

	@Test
	void reportsTheCallCountsAlsoForOneIdempotencyKey() {
		given(this.calls.stats("tx-1")).willReturn(new CallCounter.CallStats(7, 2, 3, 4));

		assertThat(this.mvc.get().uri("/admin/stats").param("idempotencyKey", "tx-1")).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isStrictlyEqualTo("""
					{ "chargeCalls": 7, "refundCalls": 2, "chargeCallsForKey": 3, "maxConcurrentCharges": 4 }""");
	}

	@Test
	void reportsTheCallCountsWithoutAKey() {
		given(this.calls.stats(null)).willReturn(new CallCounter.CallStats(1, 0, 0, 1));

		assertThat(this.mvc.get().uri("/admin/stats")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.chargeCallsForKey")
			.isEqualTo(0);
	}

	@Test
	void startsMeasuringConcurrencyAfresh() {
		assertThat(this.mvc.delete().uri("/admin/stats/max-concurrent-charges")).hasStatus(HttpStatus.NO_CONTENT);
		then(this.calls).should().resetConcurrency();
		then(this.book).shouldHaveNoInteractions();
	}

	@Test
	void forgetsEveryChargeAndTheCounts() {
		assertThat(this.mvc.delete().uri("/admin/charges")).hasStatus(HttpStatus.NO_CONTENT).bodyText().isEmpty();
		then(this.book).should().clear();
		then(this.calls).should().reset();
	}

	@Test
	void answersAnotherMethodWithMethodNotAllowedProblem() {
		assertThat(this.mvc.post().uri("/admin/charges")).hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{ "type": "https://shopflow.dev/problems/method-not-allowed", "status": 405 }""")
			.hasPath("$.title");
		then(this.book).shouldHaveNoInteractions();
	}

}
