package dev.shopflow.psp.charge;

import java.util.List;
import java.util.Map;

import dev.shopflow.psp.fault.FaultInjector;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider's API (Stripe-like): charges honour {@code Idempotency-Key}, refunds are
 * idempotent, and every call passes through the {@link FaultInjector}.
 */
@RestController
class ChargeController {

	private static final Logger log = LoggerFactory.getLogger(ChargeController.class);

	private final ChargeBook book;

	private final FaultInjector faults;

	private final CallCounter calls;

	ChargeController(ChargeBook book, FaultInjector faults, CallCounter calls) {
		this.book = book;
		this.faults = faults;
		this.calls = calls;
	}

	/**
	 * Charges a card token once per idempotency key; the same key again answers the
	 * stored charge (with {@code Idempotent-Replayed: true}) and charges nothing new.
	 * @param idempotencyKey the key (payment-service sends its transaction id)
	 * @param request what to charge
	 * @return 201 and the charge
	 */
	@PostMapping("/v1/charges")
	ResponseEntity<ChargeView> charge(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@Valid @RequestBody ChargeRequest request) {
		this.calls.chargeCalled(idempotencyKey);
		ChargeBook.ChargeResult result;
		this.calls.chargeStarted();
		try {
			this.faults.beforeCall();
			this.faults.beforeCharge();
			result = this.book.charge(idempotencyKey, request);
		}
		finally {
			this.calls.chargeEnded();
		}
		log.debug("Charge {} for reference {}: {}{}", result.charge().id(), request.reference(),
				result.charge().status(), result.replayed() ? " (replayed)" : "");
		this.faults.afterCharge();
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Idempotent-Replayed", Boolean.toString(result.replayed()))
			.body(ChargeView.of(result.charge()));
	}

	/**
	 * Refunds a succeeded charge; refunding twice refunds once.
	 * @param request the charge to refund
	 * @return the refunded charge
	 */
	@PostMapping("/v1/refunds")
	ChargeView refund(@Valid @RequestBody RefundRequest request) {
		this.calls.refundCalled();
		this.faults.beforeCall();
		Charge charge = this.book.refund(request.chargeId());
		log.debug("Charge {} refunded", charge.id());
		return ChargeView.of(charge);
	}

	/**
	 * The charges of a reference, for audits and tests.
	 * @param reference the merchant's reference; all charges when absent
	 * @return {@code { "items": [...] }}
	 */
	@GetMapping("/v1/charges")
	Map<String, List<ChargeView>> charges(@RequestParam(required = false) String reference) {
		return Map.of("items", this.book.withReference(reference).stream().map(ChargeView::of).toList());
	}

}
