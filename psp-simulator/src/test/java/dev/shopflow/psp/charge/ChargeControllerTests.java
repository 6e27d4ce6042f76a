package dev.shopflow.psp.charge;

import java.time.Instant;
import java.util.List;

import dev.shopflow.defaults.web.WebAutoConfiguration;
import dev.shopflow.psp.fault.FaultInjector;
import dev.shopflow.psp.fault.Faults;
import dev.shopflow.psp.fault.PspProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import static dev.shopflow.testsupport.SliceTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * The provider's charge API over HTTP, with the ledger mocked and the real fault
 * injector: status codes, the replay header, and problems for bad input and injected
 * faults.
 */
@WebMvcTest(ChargeController.class)
@ImportAutoConfiguration(WebAutoConfiguration.class)
@Import({ FaultInjector.class, SimpleMeterRegistry.class })
@EnableConfigurationProperties(PspProperties.class)
class ChargeControllerTests {

	private static final Instant CREATED = Instant.parse("2026-11-21T10:15:30.123Z");

	private static final String CHARGE = """
			{ "amountMinor": 1999, "currency": "EUR", "token": "tok_ok", "reference": "tx-1" }""";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private FaultInjector faults;

	@MockitoBean
	private ChargeBook book;

	@MockitoBean
	private CallCounter calls;

	@BeforeEach
	void injectNoFaults() {
		this.faults.set(Faults.NONE);
	}

	@Test
	void chargesAndAnswersCreatedWithTheCharge() {
		given(this.book.charge(eq("tx-1"), any())).willReturn(new ChargeBook.ChargeResult(succeeded(), false));

		assertThat(charge("tx-1", CHARGE)).hasStatus(HttpStatus.CREATED)
			.hasHeader("Idempotent-Replayed", "false")
			.bodyJson()
			.isLenientlyEqualTo("""
					{ "id": "ch_1", "status": "succeeded", "declineCode": null, "amountMinor": 1999,
					  "currency": "EUR", "reference": "tx-1", "idempotencyKey": "tx-1", "refunded": false,
					  "createdAt": "2026-11-21T10:15:30.123Z" }""");
		then(this.book).should().charge("tx-1", new ChargeRequest(1999, "EUR", "tok_ok", "tx-1"));
		then(this.calls).should().chargeCalled("tx-1");
	}

	@Test
	void answersARepeatedKeyWithTheStoredChargeMarkedReplayed() {
		given(this.book.charge(eq("tx-1"), any())).willReturn(new ChargeBook.ChargeResult(succeeded(), true));

		assertThat(charge("tx-1", CHARGE)).hasStatus(HttpStatus.CREATED)
			.hasHeader("Idempotent-Replayed", "true")
			.bodyJson()
			.extractingPath("$.id")
			.isEqualTo("ch_1");
	}

	@Test
	void ignoresUnknownFields() {
		given(this.book.charge(eq("tx-1"), any())).willReturn(new ChargeBook.ChargeResult(succeeded(), false));

		assertThat(charge("tx-1", """
				{ "amountMinor": 1999, "currency": "EUR", "token": "tok_ok", "reference": "tx-1", "capture": true }"""))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void answersAKeyReusedForAnotherChargeWithUnprocessableProblem() {
		given(this.book.charge(eq("tx-1"), any())).willThrow(new IdempotencyKeyReusedException("tx-1"));

		assertProblem(charge("tx-1", CHARGE), HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
				"Idempotency key reused");
	}

	@Test
	void answersMalformedJsonWithBadRequestProblem() {
		assertProblem(charge("tx-1", "{ \"amountMinor\": "), HttpStatus.BAD_REQUEST, "malformed-request-body",
				"Malformed request body");
		then(this.book).shouldHaveNoInteractions();
	}

	@Test
	void namesEveryInvalidFieldOfACharge() {
		assertThat(charge("tx-1", "{ \"amountMinor\": 0, \"currency\": \"EUR\" }")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.type",
					(type) -> assertThat(type).isEqualTo("https://shopflow.dev/problems/validation-failed"))
			.hasPathSatisfying("$.errors[*].field",
					(fields) -> assertThat(fields).asArray().containsExactlyInAnyOrder("amountMinor", "token"));
		then(this.book).shouldHaveNoInteractions();
	}

	@Test
	void answersAnInjectedErrorWithServiceUnavailableProblemAndChargesNothing() {
		this.faults.set(new Faults(null, null, null, null, 1, null, null, null, null));

		assertProblem(charge("tx-1", CHARGE), HttpStatus.SERVICE_UNAVAILABLE, "injected-fault", "Injected fault");
		then(this.book).should(never()).charge(any(), any());
	}

	@Test
	void answersAnInjectedDeclineAsStripeDoesWithTheDeclineCode() {
		this.faults.set(new Faults(null, null, null, null, null, null, null, 402, 1));

		assertProblem(charge("tx-1", CHARGE), HttpStatus.PAYMENT_REQUIRED, "card-declined", "Card declined")
			.extractingPath("$.declineCode")
			.isEqualTo("card_declined");
		then(this.book).should(never()).charge(any(), any());
	}

	@Test
	void recordsTheChargeBeforeAnInjectedFailureAfterIt() {
		given(this.book.charge(eq("tx-1"), any())).willReturn(new ChargeBook.ChargeResult(succeeded(), false));
		this.faults.set(new Faults(null, null, null, null, null, 1, null, null, null));

		assertProblem(charge("tx-1", CHARGE), HttpStatus.INTERNAL_SERVER_ERROR, "injected-fault", "Injected fault");
		then(this.book).should().charge(eq("tx-1"), any());
	}

	@Test
	void refundsACharge() {
		given(this.book.refund("ch_1")).willReturn(succeeded().refund());

		assertThat(this.mvc.post()
			.uri("/v1/refunds")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{ \"chargeId\": \"ch_1\" }")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.refunded")
			.isEqualTo(true);
		then(this.calls).should().refundCalled();
	}

	@Test
	void answersARefundOfAnUnknownChargeWithNotFoundProblem() {
		given(this.book.refund("ch_nope")).willThrow(new UnknownChargeException("ch_nope"));

		assertProblem(refund("{ \"chargeId\": \"ch_nope\" }"), HttpStatus.NOT_FOUND, "charge-not-found",
				"Charge not found");
	}

	@Test
	void answersARefundOfADeclinedChargeWithConflictProblem() {
		given(this.book.refund("ch_1")).willThrow(new ChargeNotRefundableException("ch_1"));

		assertProblem(refund("{ \"chargeId\": \"ch_1\" }"), HttpStatus.CONFLICT, "charge-not-refundable",
				"Charge not refundable");
	}

	@Test
	void refusesARefundWithoutChargeId() {
		assertProblem(refund("{}"), HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed");
		then(this.book).shouldHaveNoInteractions();
	}

	@Test
	void listsTheChargesOfAReference() {
		given(this.book.withReference("tx-1")).willReturn(List.of(succeeded()));

		assertThat(this.mvc.get().uri("/v1/charges").param("reference", "tx-1")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.containsExactly("ch_1");
	}

	private MockMvcRequestBuilder charge(String idempotencyKey, String body) {
		return this.mvc.post()
			.uri("/v1/charges")
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private MockMvcRequestBuilder refund(String body) {
		return this.mvc.post().uri("/v1/refunds").contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static Charge succeeded() {
		return new Charge("ch_1", Charge.SUCCEEDED, null, 1999, "EUR", "tx-1", "tx-1", false, CREATED);
	}

}
