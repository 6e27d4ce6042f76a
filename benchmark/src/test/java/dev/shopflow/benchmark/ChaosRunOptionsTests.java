package dev.shopflow.benchmark;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChaosRunOptionsTests {

	@Test
	void runsTheFullPlanAtFifteenOrdersPerSecondOnTwoInstancesByDefault() {
		ChaosRun.Options options = ChaosRun.Options.parse();

		assertThat(options.shortRun()).isFalse();
		assertThat(options.rate()).isEqualTo(15.0);
		assertThat(options.instances()).isEqualTo(2);
		assertThat(options.quiet()).isEqualTo(Duration.ofSeconds(45));
		assertThat(options.sagaDeadline()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void takesEveryOption() {
		ChaosRun.Options options = ChaosRun.Options.parse("--short", "--rate", "8.5", "--instances", "3", "--quiet",
				"35s", "--seed", "42");

		assertThat(options.shortRun()).isTrue();
		assertThat(options.rate()).isEqualTo(8.5);
		assertThat(options.instances()).isEqualTo(3);
		assertThat(options.quiet()).isEqualTo(Duration.ofSeconds(35));
		assertThat(options.seed()).isEqualTo(42);
	}

	@Test
	void rejectsUnknownOptionsAndMissingValuesWithTheUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosRun.Options.parse("--rates", "8"))
			.withMessageStartingWith("unknown option --rates")
			.withMessageContaining("usage: chaos/run");
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosRun.Options.parse("--short", "--rate"))
			.withMessageStartingWith("--rate needs a value");
	}

	@Test
	void rejectsARateOrInstancesThatAreNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosRun.Options.parse("--rate", "0"));
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosRun.Options.parse("--instances", "0"));
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosRun.Options.parse("--rate", "fast"));
	}

}
