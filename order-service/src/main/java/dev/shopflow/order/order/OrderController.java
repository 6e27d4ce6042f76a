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

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

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
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private final OrderManagement orders;

	private final SagaAdmission admission;

	OrderController(OrderManagement orders, SagaAdmission admission) {
		this.orders = orders;
		this.admission = admission;
	}

	@PostMapping
	@PreAuthorize("hasRole('customer')")
	@ApiResponse(responseCode = "202", description = "Accepted: the saga runs; the body is the pending order")
	@ApiResponse(responseCode = "503",
			description = "Too many orders in progress (admission control) or the service is overloaded: "
					+ "nothing was recorded; retry after Retry-After seconds with the same Idempotency-Key",
			headers = @Header(name = "Retry-After", description = "seconds"),
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<String> place(Caller caller, @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
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
	OrderPageView list(Caller caller, @RequestParam(required = false) OrderStatus status,
			@RequestParam(required = false) String customerId, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.orders.list(caller, status, customerId, page, size);
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize("hasAnyRole('customer', 'admin')")
	@ResponseStatus(HttpStatus.ACCEPTED)
	OrderView cancel(Caller caller, @PathVariable UUID id) {
		return this.orders.cancel(caller, new OrderId(id));
	}

	@GetMapping("/{id}/timeline")
	@PreAuthorize("hasAnyRole('customer', 'admin')")
	List<TimelineEntryView> timeline(Caller caller, @PathVariable UUID id) {
		return this.orders.timeline(caller, new OrderId(id));
	}

}
