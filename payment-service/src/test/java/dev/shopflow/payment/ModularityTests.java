package dev.shopflow.payment;

import dev.shopflow.testsupport.ModularityRules;
import org.junit.jupiter.api.Test;

/**
 * The features of this application depend on each other without a cycle, never on the
 * application's root package, and never on another feature's controllers or advices
 * ({@link ModularityRules}).
 */
class ModularityTests {

	@Test
	void featuresKeepTheirBoundaries() {
		ModularityRules.verify(PaymentApplication.class);
	}

}
