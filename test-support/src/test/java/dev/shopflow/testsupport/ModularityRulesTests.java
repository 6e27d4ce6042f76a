package dev.shopflow.testsupport;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The rules find what they are for, in small made-up applications under
 * {@code modularity/}: each breaks one rule.
 */
class ModularityRulesTests {

	private static final String FIXTURES = "dev.shopflow.testsupport.modularity.";

	@Test
	void findsACycleBetweenFeatures() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> check("cyclic"))
			.withMessageContaining("Cycle detected")
			.withMessageContaining("feature a")
			.withMessageContaining("feature b");
	}

	@Test
	void findsAReachIntoAnotherFeaturesWebLayer() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> check("web"))
			.withMessageContaining("be used only inside their feature")
			.withMessageContaining("Reacher");
	}

	@Test
	void findsAFeatureThatDependsOnTheApplicationsRootPackage() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> check("upward"))
			.withMessageContaining("Feature")
			.withMessageContaining("UpwardApplication");
	}

	@Test
	void passesAnApplicationThatKeepsThem() {
		assertThatNoException().isThrownBy(() -> check("clean"));
	}

	private static void check(String fixture) {
		String root = FIXTURES + fixture;
		ModularityRules.check(root, new ClassFileImporter().importPackages(root));
	}

}
