package dev.shopflow.psp.fault;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Fault injection: operators and tests make the provider slow, flaky or unreachable. */
@RestController
class FaultController {

	private final FaultInjector faults;

	FaultController(FaultInjector faults) {
		this.faults = faults;
	}

	/**
	 * Replaces the injected faults; omitted fields are 0.
	 * @param faults the new settings
	 * @return the settings now in force
	 */
	@PutMapping("/admin/faults")
	Faults set(@Valid @RequestBody Faults faults) {
		this.faults.set(faults);
		return this.faults.current();
	}

	@GetMapping("/admin/faults")
	Faults current() {
		return this.faults.current();
	}

}
