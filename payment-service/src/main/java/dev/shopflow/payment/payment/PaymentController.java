package dev.shopflow.payment.payment;

import java.net.URI;
import java.util.UUID;

import dev.shopflow.defaults.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments over HTTP (API.md "Payments"). Charging and refunding are for operators; a
 * customer may read the payments they made (anyone else's answers 404).
 */
@RestController
@RequestMapping("/api/payments")
@Tag(name = "payments", description = "Charges and refunds through the payment provider, once per transactionId")
class PaymentController {

	private final PaymentCharges charges;

	private final PaymentRefunds refunds;

	private final PaymentRepository payments;

	PaymentController(PaymentCharges charges, PaymentRefunds refunds, PaymentRepository payments) {
		this.charges = charges;
		this.refunds = refunds;
		this.payments = payments;
	}

	/**
	 * Charges once per transaction id: 201 the first time, 200 and the same payment when
	 * the same parameters come again.
	 * @param request the charge
	 * @return the payment
	 */
	@PostMapping
	@PreAuthorize("hasRole('admin')")
	@Operation(operationId = "chargePayment", summary = "Charges a payment method once per transactionId")
	@ApiResponse(responseCode = "201", description = "The payment, charged or declined by the provider",
			headers = @Header(name = "Location", description = "/api/payments/{transactionId}",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
	@ApiResponse(responseCode = "200",
			description = "The same payment: this transactionId came before with the same parameters; "
					+ "nothing was charged again",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
	@ApiResponse(responseCode = "422", description = "This transactionId came before with other parameters")
	@ApiResponse(responseCode = "503", description = "The provider is unavailable; nothing was recorded as declined",
			headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")))
	ResponseEntity<PaymentView> charge(@Valid @RequestBody PaymentRequest request) {
		PaymentCharges.ChargeResult result = this.charges.charge(request.toOrder());
		PaymentView view = PaymentView.of(result.payment());
		if (result.created()) {
			return ResponseEntity.created(URI.create("/api/payments/" + view.transactionId())).body(view);
		}
		return ResponseEntity.ok(view);
	}

	/**
	 * One payment.
	 * @param transactionId the transaction
	 * @param caller who asks
	 * @return the payment
	 */
	@GetMapping("/{transactionId}")
	@Operation(operationId = "getPayment", summary = "Reads a payment (an admin or the order's owner)")
	@ApiResponse(responseCode = "200", description = "The payment")
	@ApiResponse(responseCode = "404", description = "No such payment, or another customer's")
	PaymentView get(@PathVariable String transactionId, Caller caller) {
		return this.payments.find(transactionId)
			.filter((payment) -> caller.isAdmin() || caller.id().equals(payment.customerId()))
			.map(PaymentView::of)
			.orElseThrow(() -> new PaymentNotFoundException(transactionId));
	}

	/**
	 * Payments, newest first: an operator's of any order, a customer's own only.
	 * @param orderId only the payments of this order
	 * @param page the page, from 0
	 * @param size the page size, 1..100
	 * @param caller who asks
	 * @return the page
	 */
	@GetMapping
	@Operation(operationId = "listPayments", summary = "Lists payments, newest first",
			description = "An admin sees any order's payments; a customer only their own.")
	PaymentPage list(@RequestParam(required = false) UUID orderId, @RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, Caller caller) {
		String customerId = caller.isAdmin() ? null : caller.id();
		return new PaymentPage(
				this.payments.page(orderId, customerId, page, size).stream().map(PaymentView::of).toList(), page, size,
				this.payments.count(orderId, customerId));
	}

	/**
	 * Refunds a succeeded payment; a refunded one answers as it is (refunded once).
	 * @param transactionId the transaction
	 * @return the refunded payment
	 */
	@PostMapping("/{transactionId}/refund")
	@PreAuthorize("hasRole('admin')")
	@Operation(operationId = "refundPayment", summary = "Refunds a succeeded payment",
			description = "Harmless to repeat: a refunded payment answers as it is and is refunded once.")
	@ApiResponse(responseCode = "200", description = "The payment, REFUNDED")
	@ApiResponse(responseCode = "404", description = "No such payment")
	@ApiResponse(responseCode = "409", description = "The payment is not SUCCEEDED")
	@ApiResponse(responseCode = "503",
			description = "The provider is unavailable; the refund is retried in the background",
			headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = "integer")))
	PaymentView refund(@PathVariable String transactionId) {
		return PaymentView.of(this.refunds.refund(transactionId));
	}

}
