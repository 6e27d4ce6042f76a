package dev.shopflow.payment.payment;

import java.time.Duration;

import dev.shopflow.payment.provider.ProviderProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class LeaseCheckTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class, LeaseCheck.class);

	@Test
	void startsWithTheDefaultsWhoseLeaseIsAThirdOfTheSagaDeadline() {
		this.context.run((started) -> {
			assertThat(started).hasNotFailed();
			PaymentProperties payments = started.getBean(PaymentProperties.class);
			assertThat(payments.lease()).isLessThanOrEqualTo(Duration.ofSeconds(10));
			assertThat(payments.lease()).isGreaterThan(started.getBean(ProviderProperties.class).worstCaseCall());
		});
	}

	@Test
	void refusesToStartWithALeaseOneProviderCallCanOutlast() {
		this.context.withPropertyValues("shopflow.payment.lease=5s").run((started) -> {
			assertThat(started).hasFailed();
			assertThat(started.getStartupFailure()).rootCause()
				.hasMessageContaining("shopflow.payment.lease (5000 ms) must be longer than one provider call")
				.hasMessageContaining("9900 ms");
		});
	}

	@Test
	void refusesALeaseThatLongerTimeoutsOutgrow() {
		this.context.withPropertyValues("shopflow.payment.provider.read-timeout=3s")
			.run((started) -> assertThat(started).hasFailed());
	}

	@Test
	void countsEveryAttemptWithItsWaitsAndTheJitteredBackOffsBetweenThem() {
		ProviderProperties provider = provider(Duration.ofSeconds(2), 3);

		// 3 x (0.5 s bulkhead + 0.5 s connect + 2 s read) + 0.2 s x 1.5 + 0.4 s x 1.5
		assertThat(provider.worstCaseCall()).isEqualTo(Duration.ofMillis(9900));
		assertThatNoException().isThrownBy(() -> LeaseCheck.check(Duration.ofMillis(9901), provider));
		assertThatIllegalStateException().isThrownBy(() -> LeaseCheck.check(Duration.ofMillis(9900), provider));
		assertThat(provider(Duration.ofSeconds(2), 1).worstCaseCall()).isEqualTo(Duration.ofSeconds(3));
	}

	private static ProviderProperties provider(Duration readTimeout, int attempts) {
		return new ProviderProperties("http://localhost:8089", Duration.ofMillis(500), readTimeout,
				new ProviderProperties.Retry(attempts, Duration.ofMillis(200), 2, 0.5, Duration.ofSeconds(2)),
				new ProviderProperties.CircuitBreaker(50, 20, 10, Duration.ofSeconds(10), 3),
				new ProviderProperties.Bulkhead(25, Duration.ofMillis(500)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ PaymentProperties.class, ProviderProperties.class })
	static class Settings {

	}

}
