package dev.shopflow.psp.charge;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Test and demo helpers: call statistics and a reset. */
@RestController
class AdminController {

	private final ChargeBook book;

	private final CallCounter calls;

	AdminController(ChargeBook book, CallCounter calls) {
		this.book = book;
		this.calls = calls;
	}

	/**
	 * How many charge and refund calls reached the provider since the last reset.
	 * @param idempotencyKey also count the charge calls with this key
	 * @return the counts
	 */
	@GetMapping("/admin/stats")
	CallCounter.CallStats stats(@RequestParam(required = false) String idempotencyKey) {
		return this.calls.stats(idempotencyKey);
	}

	/**
	 * Starts measuring {@code maxConcurrentCharges} afresh (the other counts stay).
	 * @return 204
	 */
	@DeleteMapping("/admin/stats/max-concurrent-charges")
	ResponseEntity<Void> resetConcurrency() {
		this.calls.resetConcurrency();
		return ResponseEntity.noContent().build();
	}

	/**
	 * Forgets every charge and resets the call counts.
	 * @return 204
	 */
	@DeleteMapping("/admin/charges")
	ResponseEntity<Void> reset() {
		this.book.clear();
		this.calls.reset();
		return ResponseEntity.noContent().build();
	}

}
