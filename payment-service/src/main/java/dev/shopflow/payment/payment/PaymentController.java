package dev.shopflow.payment.payment;

import java.net.URI;
import java.util.UUID;

import dev.shopflow.defaults.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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
	PaymentView refund(@PathVariable String transactionId) {
		return PaymentView.of(this.refunds.refund(transactionId));
	}

}
