package dev.shopflow.order.order;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.shopflow.defaults.security.Caller;
import dev.shopflow.order.idempotency.IdempotencyKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The orders API ({@code /api/orders}), as in the public API contract. */
@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders", description = "Orders, priced from the catalogue and settled by a saga")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private static final String KEY_RULE = "1..255 visible ASCII characters, remembered per caller for at least 24 hours";

	private final OrderManagement orders;

	private final SagaAdmission admission;

	OrderController(OrderManagement orders, SagaAdmission admission) {
		this.orders = orders;
		this.admission = admission;
	}

	@PostMapping
	@PreAuthorize("hasRole('customer')")
	@Operation(operationId = "placeOrder", summary = "Places an order",
			description = "Accepted at once as PENDING; the saga then confirms or rejects it (an unknown sku or "
					+ "missing stock is no 400: the order ends REJECTED). Idempotent by Idempotency-Key: the same "
					+ "key with the same body replays the first answer.")
	@ApiResponse(responseCode = "202", description = "Accepted: the saga runs; the body is the pending order",
			headers = { @Header(name = "Location", description = "/api/orders/{id}", schema = @Schema(type = "string")),
					@Header(name = REPLAYED, description = "true when this is the replayed first answer",
							schema = @Schema(type = "string")) },
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class)))
	@ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still being processed")
	@ApiResponse(responseCode = "422", description = "This Idempotency-Key came with a different body before")
	@ApiResponse(responseCode = "503",
			description = "Too many orders in progress (admission control) or the service is overloaded: "
					+ "nothing was recorded; retry after Retry-After seconds with the same Idempotency-Key",
			headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")),
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<String> place(Caller caller,
			// required by the contract; optional to MVC so that IdempotencyKey.parse
			// answers its absence with the idempotency problem
			@Parameter(required = true, description = KEY_RULE) @RequestHeader(name = IDEMPOTENCY_KEY,
					required = false) String key,
			@RequestHeader(name = "traceparent", required = false) String traceparent,
			@Valid @RequestBody PlaceOrderRequest request) {
		// before the placement's transaction: a refusal costs no database work
		this.admission.admit();
		Placement placement = this.orders.place(caller.id(), IdempotencyKey.parse(key), request, traceparent);
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(placement.status())
			.location(URI.create("/api/orders/" + placement.orderId()))
			.contentType(MediaType.APPLICATION_JSON);
		if (placement.replayed()) {
			answer.header(REPLAYED, "true");
		}
		return answer.body(placement.body());
	}

	/**
	 * Reads an order; with {@code Prefer: wait=<seconds>} (RFC 7240) a {@code PENDING}
	 * order is answered as soon as its saga has an outcome, or after that many seconds
	 * (at most {@code shopflow.orders.max-wait}) as it then is.
	 */
	@GetMapping("/{id}")
	@PreAuthorize("hasAnyRole('customer', 'admin')")
	@Operation(operationId = "getOrder", summary = "Reads an order (its owner or an admin)",
			description = "With Prefer: wait=<seconds> (RFC 7240) a PENDING order is answered as soon as its saga "
					+ "has an outcome, or after that many seconds as it then is.")
	@ApiResponse(responseCode = "200", description = "The order",
			headers = @Header(name = WaitPreference.PREFERENCE_APPLIED, description = "wait=<seconds> when waited",
					schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = "No such order, or another customer's")
	ResponseEntity<OrderView> get(Caller caller, @PathVariable UUID id,
			@RequestHeader(name = WaitPreference.PREFER, required = false) List<String> prefer) {
		OrderId orderId = new OrderId(id);
		Optional<Duration> wait = WaitPreference.of(prefer, this.orders.maxWait());
		Optional<OrderView> decided = wait.flatMap((held) -> this.orders.awaitOutcome(caller, orderId, held));
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header(HttpHeaders.VARY, WaitPreference.PREFER);
		if (decided.isEmpty()) {
			// no wait asked for, or too many requests wait already
			return answer.body(this.orders.get(caller, orderId));
		}
		return answer.header(WaitPreference.PREFERENCE_APPLIED, "wait=" + wait.get().toSeconds()).body(decided.get());
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('customer', 'admin')")
	@Operation(operationId = "listOrders", summary = "Lists orders, newest first",
			description = "A customer sees their own orders; an admin sees all and may filter by customerId.")
	OrderPageView list(Caller caller, @RequestParam(required = false) OrderStatus status,
			@RequestParam(required = false) String customerId, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.orders.list(caller, status, customerId, page, size);
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize("hasAnyRole('customer', 'admin')")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(operationId = "cancelOrder", summary = "Cancels an order",
			description = "A PENDING order is compensated; a CONFIRMED one is refunded and its stock released.")
	@ApiResponse(responseCode = "202", description = "The order, cancelled or being cancelled")
	@ApiResponse(responseCode = "404", description = "No such order, or another customer's")
	@ApiResponse(responseCode = "409", description = "The order is already REJECTED or CANCELLED")
	OrderView cancel(Caller caller, @PathVariable UUID id) {
		return this.orders.cancel(caller, new OrderId(id));
	}

	@GetMapping("/{id}/timeline")
	@PreAuthorize("hasAnyRole('customer', 'admin')")
	@Operation(operationId = "getOrderTimeline", summary = "Lists every saga step of an order, oldest first")
	@ApiResponse(responseCode = "200", description = "The saga's steps")
	@ApiResponse(responseCode = "404", description = "No such order, or another customer's")
	List<TimelineEntryView> timeline(Caller caller, @PathVariable UUID id) {
		return this.orders.timeline(caller, new OrderId(id));
	}

}
