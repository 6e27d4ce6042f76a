package dev.shopflow.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.shopflow.defaults.security.Caller;
import dev.shopflow.defaults.security.ServletSecurityAutoConfiguration;
import dev.shopflow.defaults.web.WebAutoConfiguration;
import dev.shopflow.order.idempotency.IdempotencyKey;
import dev.shopflow.order.order.OrderView.LineView;
import dev.shopflow.order.order.SagaAdmission.SagaPipelineSaturatedException;
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
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;

/**
 * The orders' HTTP contract (API.md "Orders") with the order management and admission
 * control mocked, behind the services' real security chain and problem answers.
 */
@WebMvcTest(OrderController.class)
@ImportAutoConfiguration({ WebAutoConfiguration.class, ServletSecurityAutoConfiguration.class })
@Import(TestTokens.Decoder.class)
class OrderControllerTests {

	private static final UUID ID = UUID.fromString("7d1b4a4e-3c2f-4f7a-9d55-0d8f3a1c2b10");

	private static final Instant PLACED = Instant.parse("2026-11-21T10:15:30.123Z");

	private static final Caller ALICE = new Caller("alice", Set.of(Caller.CUSTOMER));

	private static final String ORDER = """
			{ "items": [ { "sku": "BOOK-1", "quantity": 2 } ], "paymentMethod": { "token": "tok_ok" } }""";

	// what OrderManagement stores and replays: the first answer's body, as sent
	private static final String PENDING_BODY = """
			{"id":"7d1b4a4e-3c2f-4f7a-9d55-0d8f3a1c2b10","customerId":"alice","status":"PENDING",\
			"items":[{"sku":"BOOK-1","quantity":2,"unitPriceMinor":null}],"totalMinor":null,"currency":"EUR",\
			"failureReason":null,"createdAt":"2026-11-21T10:15:30.123Z","updatedAt":"2026-11-21T10:15:30.123Z"}""";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private OrderManagement orders;

	@MockitoBean
	private SagaAdmission admission;

	@Test
	void acceptsAnOrderWithItsLocation() {
		given(this.orders.place(eq("alice"), eq(new IdempotencyKey("key-1")), any(), isNull()))
			.willReturn(new Placement(ID, 202, PENDING_BODY, false));

		assertThat(place("key-1", ORDER).with(customer("alice"))).hasStatus(HttpStatus.ACCEPTED)
			.hasHeader(HttpHeaders.LOCATION, "/api/orders/" + ID)
			.doesNotContainHeader("Idempotent-Replayed")
			.hasContentType(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{ "id": "7d1b4a4e-3c2f-4f7a-9d55-0d8f3a1c2b10", "customerId": "alice", "status": "PENDING",
					  "items": [ { "sku": "BOOK-1", "quantity": 2, "unitPriceMinor": null } ], "totalMinor": null,
					  "currency": "EUR" }""");
		then(this.admission).should().admit();
		then(this.orders).should()
			.place("alice", new IdempotencyKey("key-1"),
					new PlaceOrderRequest(List.of(new PlaceOrderRequest.LineRequest("BOOK-1", 2)),
							new PlaceOrderRequest.PaymentMethodRequest("tok_ok")),
					null);
	}

	@Test
	void replaysTheFirstAnswerForARetryWithTheSameKey() {
		given(this.orders.place(eq("alice"), eq(new IdempotencyKey("key-1")), any(), any()))
			.willReturn(new Placement(ID, 202, PENDING_BODY, true));

		assertThat(place("key-1", ORDER).with(customer("alice"))).hasStatus(HttpStatus.ACCEPTED)
			.hasHeader("Idempotent-Replayed", "true")
			.hasHeader(HttpHeaders.LOCATION, "/api/orders/" + ID)
			.bodyJson()
			.extractingPath("$.id")
			.isEqualTo(ID.toString());
	}

	@Test
	void passesTheTraceContextOn() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		given(this.orders.place(eq("alice"), any(), any(), eq(traceparent)))
			.willReturn(new Placement(ID, 202, PENDING_BODY, false));

		assertThat(place("key-1", ORDER).header("traceparent", traceparent).with(customer("alice")))
			.hasStatus(HttpStatus.ACCEPTED);
	}

	@Test
	void refusesAnOrderWithoutIdempotencyKeyWithBadRequestProblem() {
		assertProblem(
				this.mvc.post()
					.uri("/api/orders")
					.contentType(MediaType.APPLICATION_JSON)
					.content(ORDER)
					.with(customer("alice")),
				HttpStatus.BAD_REQUEST, "idempotency-key-invalid", "Missing or invalid Idempotency-Key");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void refusesAnIdempotencyKeyOfInvisibleCharacters() {
		assertProblem(place("key with spaces", ORDER).with(customer("alice")), HttpStatus.BAD_REQUEST,
				"idempotency-key-invalid", "Missing or invalid Idempotency-Key");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void namesEveryInvalidLine() {
		assertProblem(place("key-1", """
				{ "items": [ { "sku": "lower", "quantity": 0 }, { "sku": "BOOK-2", "quantity": 1001 } ],
				  "paymentMethod": { "token": " " } }""").with(customer("alice")), HttpStatus.BAD_REQUEST,
				"validation-failed", "Validation failed")
			.hasPathSatisfying("$.errors[*].field",
					(fields) -> assertThat(fields).asArray()
						.containsExactlyInAnyOrder("items[0].sku", "items[0].quantity", "items[1].quantity",
								"paymentMethod.token"));
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void refusesAnOrderWithoutLinesOrPaymentMethod() {
		assertProblem(place("key-1", "{ \"items\": [] }").with(customer("alice")), HttpStatus.BAD_REQUEST,
				"validation-failed", "Validation failed")
			.hasPathSatisfying("$.errors[*].field",
					(fields) -> assertThat(fields).asArray().containsExactlyInAnyOrder("items", "paymentMethod"));
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void answersASkuNamedTwiceWithAValidationProblemOnItsSecondLine() {
		given(this.orders.place(any(), any(), any(), any())).willThrow(new DuplicateSkuException(1, "BOOK-1"));

		assertProblem(place("key-1", ORDER).with(customer("alice")), HttpStatus.BAD_REQUEST, "validation-failed",
				"Validation failed")
			.hasPathSatisfying("$.errors[*].field",
					(fields) -> assertThat(fields).asArray().containsExactly("items[1].sku"));
	}

	@Test
	void answersAQuantityOfTheWrongTypeWithMalformedBodyProblem() {
		assertProblem(place("key-1", ORDER.replace("\"quantity\": 2", "\"quantity\": \"two\"")).with(customer("alice")),
				HttpStatus.BAD_REQUEST, "malformed-request-body", "Malformed request body")
			.extractingPath("$.detail")
			.isEqualTo("The request body has a value of the wrong type at 'items[0].quantity'.");
	}

	@Test
	void answersMalformedJsonWithBadRequestProblem() {
		assertProblem(place("key-1", "{ \"items\": [").with(customer("alice")), HttpStatus.BAD_REQUEST,
				"malformed-request-body", "Malformed request body");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void refusesAPlacementWhileTheSagaPipelineIsSaturatedWithRetryAfter() {
		willThrow(new SagaPipelineSaturatedException("1500 orders are being processed", Duration.ofSeconds(2)))
			.given(this.admission)
			.admit();

		assertThat(place("key-1", ORDER).with(customer("alice"))).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(HttpHeaders.RETRY_AFTER, "2");
		assertProblem(place("key-1", ORDER).with(customer("alice")), HttpStatus.SERVICE_UNAVAILABLE,
				"saga-pipeline-saturated", "Too many orders in progress");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void refusesAnOperatorPlacingAnOrderWithForbiddenProblem() {
		assertProblem(place("key-1", ORDER).with(admin()), HttpStatus.FORBIDDEN, "forbidden", "Forbidden");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void refusesAnOrderWithoutTokenWithUnauthorizedProblem() {
		assertThat(place("key-1", ORDER)).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		assertProblem(place("key-1", ORDER), HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void acceptsACustomerTokenSignedByTheTrustedIssuer() {
		given(this.orders.place(eq("alice"), any(), any(), any()))
			.willReturn(new Placement(ID, 202, PENDING_BODY, false));

		assertThat(place("key-1", ORDER).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.customer("alice")))
			.hasStatus(HttpStatus.ACCEPTED);
	}

	@Test
	void showsTheCallerTheirOrder() {
		given(this.orders.get(ALICE, new OrderId(ID))).willReturn(pending());

		assertThat(this.mvc.get().uri("/api/orders/{id}", ID).with(customer("alice"))).hasStatusOk()
			.hasHeader(HttpHeaders.VARY, "Prefer")
			.doesNotContainHeader("Preference-Applied")
			.bodyJson()
			.isLenientlyEqualTo(PENDING_BODY);
	}

	@Test
	void holdsAReadThatPrefersToWaitForTheOutcome() {
		given(this.orders.maxWait()).willReturn(Duration.ofSeconds(20));
		given(this.orders.awaitOutcome(ALICE, new OrderId(ID), Duration.ofSeconds(5)))
			.willReturn(Optional.of(confirmed()));

		assertThat(this.mvc.get().uri("/api/orders/{id}", ID).header("Prefer", "wait=5").with(customer("alice")))
			.hasStatusOk()
			.hasHeader("Preference-Applied", "wait=5")
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CONFIRMED");
	}

	@Test
	void answersAnUnknownOrderWithNotFoundProblem() {
		given(this.orders.get(ALICE, new OrderId(ID))).willThrow(new OrderNotFoundException(new OrderId(ID)));

		assertProblem(this.mvc.get().uri("/api/orders/{id}", ID).with(customer("alice")), HttpStatus.NOT_FOUND,
				"order-not-found", "Order not found")
			.extractingPath("$.instance")
			.isEqualTo("/api/orders/" + ID);
	}

	@Test
	void answersAnIdThatIsNotAUuidWithBadRequestProblem() {
		assertThat(this.mvc.get().uri("/api/orders/{id}", "order-1").with(customer("alice")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("{ \"type\": \"https://shopflow.dev/problems/bad-request\", \"status\": 400 }")
			.hasPath("$.title");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void refusesATokenWithoutRoleWithForbiddenProblem() {
		assertProblem(this.mvc.get().uri("/api/orders/{id}", ID).with(token("mallory")), HttpStatus.FORBIDDEN,
				"forbidden", "Forbidden");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void refusesToShowAnOrderWithoutTokenWithUnauthorizedProblem() {
		assertProblem(this.mvc.get().uri("/api/orders/{id}", ID), HttpStatus.UNAUTHORIZED, "unauthorized",
				"Unauthorized");
	}

	@Test
	void listsTheCallersOrdersInAStatus() {
		given(this.orders.list(ALICE, OrderStatus.PENDING, null, 0, 20))
			.willReturn(new OrderPageView(List.of(pending()), 0, 20, 1));

		assertThat(this.mvc.get().uri("/api/orders").param("status", "PENDING").with(customer("alice"))).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{ "items": [ { "id": "7d1b4a4e-3c2f-4f7a-9d55-0d8f3a1c2b10" } ], "page": 0, "size": 20,
					  "totalItems": 1 }""");
	}

	@Test
	void letsAnOperatorListOneCustomersOrders() {
		Caller operator = new Caller("ops", Set.of(Caller.ADMIN));
		given(this.orders.list(operator, null, "bob", 1, 50)).willReturn(new OrderPageView(List.of(), 1, 50, 0));

		assertThat(this.mvc.get()
			.uri("/api/orders")
			.param("customerId", "bob")
			.param("page", "1")
			.param("size", "50")
			.with(token("ops", Caller.ADMIN))).hasStatusOk().bodyJson().extractingPath("$.size").isEqualTo(50);
	}

	@Test
	void answersAnUnknownStatusWithBadRequestProblem() {
		assertThat(this.mvc.get().uri("/api/orders").param("status", "SHIPPED").with(customer("alice")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("https://shopflow.dev/problems/bad-request");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void refusesPageSizesOutsideOneToAHundred() {
		assertProblem(this.mvc.get().uri("/api/orders").param("size", "101").with(customer("alice")),
				HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed")
			.hasPathSatisfying("$.errors[*].field", (fields) -> assertThat(fields).asArray().containsExactly("size"));
		assertProblem(this.mvc.get().uri("/api/orders").param("page", "-1").with(customer("alice")),
				HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed");
		then(this.orders).shouldHaveNoInteractions();
	}

	@Test
	void cancelsAnOrder() {
		given(this.orders.cancel(ALICE, new OrderId(ID))).willReturn(view(OrderStatus.CANCELLED));

		assertThat(this.mvc.post().uri("/api/orders/{id}/cancel", ID).with(customer("alice")))
			.hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CANCELLED");
	}

	@Test
	void answersTheCancelOfAFinalOrderWithConflictProblem() {
		given(this.orders.cancel(ALICE, new OrderId(ID)))
			.willThrow(new OrderNotCancellableException(new OrderId(ID), OrderStatus.REJECTED));

		assertProblem(this.mvc.post().uri("/api/orders/{id}/cancel", ID).with(customer("alice")), HttpStatus.CONFLICT,
				"order-not-cancellable", "Order cannot be cancelled");
	}

	@Test
	void answersTheCancelOfAnUnknownOrderWithNotFoundProblem() {
		given(this.orders.cancel(ALICE, new OrderId(ID))).willThrow(new OrderNotFoundException(new OrderId(ID)));

		assertProblem(this.mvc.post().uri("/api/orders/{id}/cancel", ID).with(customer("alice")), HttpStatus.NOT_FOUND,
				"order-not-found", "Order not found");
	}

	@Test
	void showsTheTimelineOldestFirst() {
		given(this.orders.timeline(ALICE, new OrderId(ID)))
			.willReturn(List.of(new TimelineEntryView(PLACED, "PLACED", null),
					new TimelineEntryView(PLACED.plusMillis(40), "STOCK_RESERVED", "2 units")));

		assertThat(this.mvc.get().uri("/api/orders/{id}/timeline", ID).with(customer("alice"))).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("""
					[ { "at": "2026-11-21T10:15:30.123Z", "step": "PLACED", "detail": null },
					  { "at": "2026-11-21T10:15:30.163Z", "step": "STOCK_RESERVED", "detail": "2 units" } ]""");
	}

	@Test
	void answersTheTimelineOfAnUnknownOrderWithNotFoundProblem() {
		given(this.orders.timeline(ALICE, new OrderId(ID))).willThrow(new OrderNotFoundException(new OrderId(ID)));

		assertProblem(this.mvc.get().uri("/api/orders/{id}/timeline", ID).with(customer("alice")), HttpStatus.NOT_FOUND,
				"order-not-found", "Order not found");
	}

	private MockMvcRequestBuilder place(String idempotencyKey, String body) {
		return this.mvc.post()
			.uri("/api/orders")
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private static OrderView pending() {
		return view(OrderStatus.PENDING);
	}

	private static OrderView confirmed() {
		return view(OrderStatus.CONFIRMED);
	}

	private static OrderView view(OrderStatus status) {
		Long price = (status == OrderStatus.PENDING) ? null : 1999L;
		Long total = (price != null) ? 2 * price : null;
		return new OrderView(ID, "alice", status, List.of(new LineView("BOOK-1", 2, price)), total, "EUR", null, PLACED,
				PLACED);
	}

	private static RequestPostProcessor customer(String id) {
		return token(id, Caller.CUSTOMER);
	}

	private static RequestPostProcessor admin() {
		return token("ops", Caller.ADMIN);
	}

}
