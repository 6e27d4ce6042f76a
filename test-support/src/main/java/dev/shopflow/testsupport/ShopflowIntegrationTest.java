package dev.shopflow.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * An integration test of a service: the whole application on a random port, against the
 * test JVM's real PostgreSQL and Kafka ({@link Infrastructure}), trusting
 * {@link TestTokens}. Classes with the same annotation values share one cached
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ Infrastructure.class, TestTokens.Decoder.class })
public @interface ShopflowIntegrationTest {

	/**
	 * Extra properties of the application under test.
	 * @return {@code key=value} pairs
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

}
