package dev.shopflow.payment.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.shopflow.defaults.security.ServletSecurityAutoConfiguration;
import dev.shopflow.defaults.web.WebAutoConfiguration;
import dev.shopflow.testsupport.TestTokens;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.shopflow.testsupport.SliceTokens.token;
import static dev.shopflow.testsupport.SliceTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * The payments' HTTP contract (API.md "Payments") with charging, refunding and the
 * repository mocked, behind the services' real security chain and problem answers:
 * operators charge and refund, a customer reads only their own payments.
 */
@WebMvcTest(PaymentController.class)
@ImportAutoConfiguration({ WebAutoConfiguration.class, ServletSecurityAutoConfiguration.class })
@Import(TestTokens.Decoder.class)
class PaymentControllerTests {

	private static final UUID ORDER = UUID.fromString("7d1b4a4e-3c2f-4f7a-9d55-0d8f3a1c2b10");

	private static final Instant CREATED = Instant.parse("2026-11-21T10:15:30.123Z");

	private static final String CHARGE = """
			{ "transactionId": "tx-1", "orderId": "7d1b4a4e-3c2f-4f7a-9d55-0d8f3a1c2b10", "amountMinor": 1999,
			  "currency": "EUR", "paymentMethod": { "token": "tok_ok" } }""";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private PaymentCharges charges;

	@MockitoBean
	private PaymentRefunds refunds;

	@MockitoBean
	private PaymentRepository payments;

	@Test
	void chargesAndAnswersCreatedWithLocation() {
		given(this.charges.charge(any()))
			.willReturn(new PaymentCharges.ChargeResult(carols(PaymentStatus.SUCCEEDED), true));

		assertThat(charge(CHARGE).with(admin())).hasStatus(HttpStatus.CREATED)
			.hasHeader(HttpHeaders.LOCATION, "/api/payments/tx-1")
			.bodyJson()
			.isLenientlyEqualTo("""
					{ "transactionId": "tx-1", "orderId": "7d1b4a4e-3c2f-4f7a-9d55-0d8f3a1c2b10", "amountMinor": 1999,
					  "currency": "EUR", "status": "SUCCEEDED", "providerReference": "ch_1",
					  "createdAt": "2026-11-21T10:15:30.123Z", "updatedAt": "2026-11-21T10:15:30.123Z" }""");
		then(this.charges).should().charge(new ChargeOrder("tx-1", ORDER, null, 1999, "EUR", "tok_ok", null, false));
	}

	@Test
	void neverEchoesTheCardToken() {
		given(this.charges.charge(any()))
			.willReturn(new PaymentCharges.ChargeResult(carols(PaymentStatus.SUCCEEDED), true));

		assertThat(charge(CHARGE).with(admin())).hasStatus(HttpStatus.CREATED).bodyText().doesNotContain("tok_ok");
	}

	@Test
	void answersTheSameChargeAgainWithOkAndTheSamePayment() {
		given(this.charges.charge(any()))
			.willReturn(new PaymentCharges.ChargeResult(carols(PaymentStatus.SUCCEEDED), false));

		assertThat(charge(CHARGE).with(admin())).hasStatusOk()
			.doesNotContainHeader(HttpHeaders.LOCATION)
			.bodyJson()
			.extractingPath("$.transactionId")
			.isEqualTo("tx-1");
	}

	@Test
	void answersATransactionIdReusedWithOtherParametersWithUnprocessableProblem() {
		given(this.charges.charge(any())).willThrow(new TransactionMismatchException("tx-1"));

		assertProblem(charge(CHARGE).with(admin()), HttpStatus.UNPROCESSABLE_CONTENT, "transaction-id-reused",
				"Transaction id reused");
	}

	@Test
	void answersAnUnavailableProviderWithServiceUnavailableProblemAndRetryAfter() {
		given(this.charges.charge(any())).willThrow(new ProviderUnavailableException("circuit open"));

		assertThat(charge(CHARGE).with(admin())).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(HttpHeaders.RETRY_AFTER, "5");
		assertProblem(charge(CHARGE).with(admin()), HttpStatus.SERVICE_UNAVAILABLE, "payment-provider-unavailable",
				"Payment provider unavailable");
	}

	@Test
	void namesEveryInvalidFieldOfACharge() {
		String invalid = """
				{ "transactionId": "has spaces", "amountMinor": 0, "currency": "eur",
				  "paymentMethod": { "token": "" } }""";

		assertProblem(charge(invalid).with(admin()), HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed")
			.hasPathSatisfying("$.errors[*].field", (fields) -> assertThat(fields).asArray()
				.containsExactlyInAnyOrder("transactionId", "amountMinor", "currency", "paymentMethod.token"));
		then(this.charges).shouldHaveNoInteractions();
	}

	@Test
	void refusesAChargeWithoutPaymentMethodOrTransactionId() {
		assertProblem(charge("{ \"amountMinor\": 100, \"currency\": \"EUR\" }").with(admin()), HttpStatus.BAD_REQUEST,
				"validation-failed", "Validation failed")
			.hasPathSatisfying("$.errors[*].field", (fields) -> assertThat(fields).asArray()
				.containsExactlyInAnyOrder("transactionId", "paymentMethod"));
	}

	@Test
	void answersAnOrderIdThatIsNotAUuidWithMalformedBodyProblem() {
		assertProblem(charge(CHARGE.replace("7d1b4a4e-3c2f-4f7a-9d55-0d8f3a1c2b10", "order-1")).with(admin()),
				HttpStatus.BAD_REQUEST, "malformed-request-body", "Malformed request body")
			.extractingPath("$.detail")
			.isEqualTo("The request body has a value of the wrong type at 'orderId'.");
		then(this.charges).shouldHaveNoInteractions();
	}

	@Test
	void answersMalformedJsonWithBadRequestProblem() {
		assertProblem(charge("{ \"transactionId\": ").with(admin()), HttpStatus.BAD_REQUEST, "malformed-request-body",
				"Malformed request body");
	}

	@Test
	void refusesACustomerChargingWithForbiddenProblem() {
		assertProblem(charge(CHARGE).with(customer("carol")), HttpStatus.FORBIDDEN, "forbidden", "Forbidden");
		then(this.charges).shouldHaveNoInteractions();
	}

	@Test
	void refusesAChargeWithoutTokenWithUnauthorizedProblem() {
		assertProblem(charge(CHARGE), HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized");
		then(this.charges).shouldHaveNoInteractions();
	}

	@Test
	void showsACustomerTheirOwnPayment() {
		given(this.payments.find("tx-1")).willReturn(Optional.of(carols(PaymentStatus.SUCCEEDED)));

		assertThat(this.mvc.get().uri("/api/payments/{transactionId}", "tx-1").with(customer("carol"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("SUCCEEDED");
	}

	@Test
	void answersAnotherCustomersPaymentWithNotFoundProblem() {
		given(this.payments.find("tx-1")).willReturn(Optional.of(carols(PaymentStatus.SUCCEEDED)));

		assertProblem(this.mvc.get().uri("/api/payments/{transactionId}", "tx-1").with(customer("dave")),
				HttpStatus.NOT_FOUND, "payment-not-found", "Payment not found");
	}

	@Test
	void showsAnOperatorAnyPayment() {
		given(this.payments.find("tx-1")).willReturn(Optional.of(carols(PaymentStatus.DECLINED)));

		assertThat(this.mvc.get().uri("/api/payments/{transactionId}", "tx-1").with(admin())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("DECLINED");
	}

	@Test
	void answersAnUnknownTransactionWithNotFoundProblem() {
		given(this.payments.find("tx-9")).willReturn(Optional.empty());

		assertProblem(this.mvc.get().uri("/api/payments/{transactionId}", "tx-9").with(admin()), HttpStatus.NOT_FOUND,
				"payment-not-found", "Payment not found");
	}

	@Test
	void refusesToShowAPaymentWithoutTokenWithUnauthorizedProblem() {
		assertProblem(this.mvc.get().uri("/api/payments/{transactionId}", "tx-1"), HttpStatus.UNAUTHORIZED,
				"unauthorized", "Unauthorized");
		then(this.payments).shouldHaveNoInteractions();
	}

	@Test
	void listsOnlyACustomersOwnPaymentsOfAnOrder() {
		given(this.payments.page(ORDER, "carol", 0, 20)).willReturn(List.of(carols(PaymentStatus.SUCCEEDED)));
		given(this.payments.count(ORDER, "carol")).willReturn(1L);

		assertThat(this.mvc.get().uri("/api/payments").param("orderId", ORDER.toString()).with(customer("carol")))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{ "items": [ { "transactionId": "tx-1" } ], "page": 0, "size": 20, "totalItems": 1 }""");
	}

	@Test
	void listsEveryonesPaymentsForAnOperator() {
		given(this.payments.page(null, null, 2, 5)).willReturn(List.of());
		given(this.payments.count(null, null)).willReturn(10L);

		assertThat(this.mvc.get().uri("/api/payments").param("page", "2").param("size", "5").with(admin()))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{ \"items\": [], \"page\": 2, \"size\": 5, \"totalItems\": 10 }");
	}

	@Test
	void answersAnOrderIdParameterThatIsNotAUuidWithBadRequestProblem() {
		assertThat(this.mvc.get().uri("/api/payments").param("orderId", "order-1").with(admin()))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("{ \"type\": \"https://shopflow.dev/problems/bad-request\", \"status\": 400 }");
		then(this.payments).shouldHaveNoInteractions();
	}

	@Test
	void refusesPageSizesOutsideOneToAHundred() {
		assertProblem(this.mvc.get().uri("/api/payments").param("size", "101").with(admin()), HttpStatus.BAD_REQUEST,
				"validation-failed", "Validation failed")
			.hasPathSatisfying("$.errors[*].field", (fields) -> assertThat(fields).asArray().containsExactly("size"));
		then(this.payments).shouldHaveNoInteractions();
	}

	@Test
	void refundsASucceededPayment() {
		given(this.refunds.refund("tx-1")).willReturn(carols(PaymentStatus.REFUNDED));

		assertThat(this.mvc.post().uri("/api/payments/{transactionId}/refund", "tx-1").with(admin())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("REFUNDED");
	}

	@Test
	void answersARefundOfAPaymentThatDidNotSucceedWithConflictProblem() {
		given(this.refunds.refund("tx-1")).willThrow(new NotRefundableException("tx-1", PaymentStatus.DECLINED));

		assertProblem(this.mvc.post().uri("/api/payments/{transactionId}/refund", "tx-1").with(admin()),
				HttpStatus.CONFLICT, "payment-not-refundable", "Payment not refundable");
	}

	@Test
	void refusesACustomerRefundingWithForbiddenProblem() {
		assertProblem(this.mvc.post().uri("/api/payments/{transactionId}/refund", "tx-1").with(customer("carol")),
				HttpStatus.FORBIDDEN, "forbidden", "Forbidden");
		then(this.refunds).shouldHaveNoInteractions();
	}

	private MockMvcRequestBuilder charge(String body) {
		return this.mvc.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static Payment carols(PaymentStatus status) {
		return new Payment("tx-1", ORDER, "carol", 1999, "EUR", status, null, "ch_1", null, "fingerprint", true, null,
				false, false, false, 0, 0, CREATED, CREATED);
	}

	private static RequestPostProcessor admin() {
		return token("admin", "admin");
	}

	private static RequestPostProcessor customer(String id) {
		return token(id, "customer");
	}

}
