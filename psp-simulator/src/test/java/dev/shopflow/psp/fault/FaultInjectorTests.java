package dev.shopflow.psp.fault;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class FaultInjectorTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final FaultInjector faults = new FaultInjector(this.meters, new PspProperties(Duration.ZERO));

	@Test
	void failsExactlyTheNextCallsAskedFor() {
		this.faults.set(new Faults(null, null, null, null, 2, null, null, null, null));

		assertThatExceptionOfType(InjectedFaultException.class).isThrownBy(this.faults::beforeCall);
		assertThat(this.faults.current().failNextCalls()).isEqualTo(1);
		assertThatExceptionOfType(InjectedFaultException.class).isThrownBy(this.faults::beforeCall);
		assertThatNoException().isThrownBy(this.faults::beforeCall);
		assertThat(this.meters.counter("psp.faults.injected", "kind", "error").count()).isEqualTo(2);
	}

	@Test
	void failsAfterTheChargeOnlyAsOftenAsAskedFor() {
		this.faults.set(new Faults(null, null, null, null, null, 1, null, null, null));

		assertThatNoException().isThrownBy(this.faults::beforeCall);
		assertThatExceptionOfType(InjectedFaultException.class).isThrownBy(this.faults::afterCharge)
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo("fail-after-charge"));
		assertThatNoException().isThrownBy(this.faults::afterCharge);
	}

	@Test
	void refusesTheNextChargesWithTheStatusAskedFor() {
		this.faults.set(new Faults(null, null, null, null, null, null, null, 402, 1));

		assertThatExceptionOfType(InjectedFaultException.class).isThrownBy(this.faults::beforeCharge)
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(402));
		assertThatNoException().isThrownBy(this.faults::beforeCharge);
		assertThat(this.meters.counter("psp.faults.injected", "kind", "client-error").count()).isEqualTo(1);
	}

	@Test
	void injectsNothingByDefault() {
		assertThat(this.faults.current()).isEqualTo(Faults.NONE);
		assertThatNoException().isThrownBy(() -> {
			this.faults.beforeCall();
			this.faults.afterCharge();
		});
	}

}
