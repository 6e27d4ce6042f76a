package dev.shopflow.testsupport;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every Shopflow application keeps, checked by its
 * {@code ModularityTests} with ArchUnit. Each direct sub-package of the application's
 * package is a feature (spring-petclinic's layout). Features depend on each other without
 * a cycle; no feature depends on the application's own package (its main class); and a
 * feature's web layer (its controllers and their exception advices) is used by nobody
 * outside the feature. What else a feature keeps to itself is package-private, which the
 * compiler checks.
 */
public final class ModularityRules {

	private static final List<String> WEB_LAYER = List.of("org.springframework.stereotype.Controller",
			"org.springframework.web.bind.annotation.RestController",
			"org.springframework.web.bind.annotation.ControllerAdvice",
			"org.springframework.web.bind.annotation.RestControllerAdvice");

	private static final DescribedPredicate<JavaClass> WEB_LAYER_CLASSES = DescribedPredicate.describe(
			"are controllers or controller advices", (type) -> WEB_LAYER.stream().anyMatch(type::isAnnotatedWith));

	private ModularityRules() {
	}

	/**
	 * Checks the main classes of the application whose main class is given.
	 * @param application the application's main class, in its root package
	 * @throws AssertionError that lists every violation, if there is one
	 */
	public static void verify(Class<?> application) {
		String root = application.getPackageName();
		check(root, new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(root));
	}

	/**
	 * Checks the given classes of the application whose root package is given.
	 * @param root the root package
	 * @param classes the classes to check
	 * @throws AssertionError that lists every violation, if there is one
	 */
	public static void check(String root, JavaClasses classes) {
		rules(root).forEach((rule) -> rule.check(classes));
	}

	private static List<ArchRule> rules(String root) {
		return List.of(slices().matching(root + ".(*)..").namingSlices("feature $1").should().beFreeOfCycles(),
				noClasses().that()
					.resideOutsideOfPackage(root)
					.should()
					.dependOnClassesThat()
					.resideInAPackage(root)
					.because(
							"the root package holds the application, which depends on its features, not the other way"),
				classes().that(WEB_LAYER_CLASSES).should(beUsedOnlyInsideTheirFeature(root)).allowEmptyShould(true));
	}

	private static ArchCondition<JavaClass> beUsedOnlyInsideTheirFeature(String root) {
		return new ArchCondition<>("be used only inside their feature") {
			@Override
			public void check(JavaClass item, ConditionEvents events) {
				for (Dependency dependency : item.getDirectDependenciesToSelf()) {
					if (!feature(root, dependency.getOriginClass()).equals(feature(root, item))) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}
		};
	}

	private static String feature(String root, JavaClass type) {
		String rest = type.getPackageName().substring(root.length());
		if (rest.isEmpty()) {
			return "";
		}
		int end = rest.indexOf('.', 1);
		return (end < 0) ? rest.substring(1) : rest.substring(1, end);
	}

}
