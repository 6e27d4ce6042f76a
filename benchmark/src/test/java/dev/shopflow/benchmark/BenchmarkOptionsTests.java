package dev.shopflow.benchmark;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkOptionsTests {

	private static final Path PROJECT = Path.of("/checkout");

	@Test
	void overloadOffersThreeTimesTheRateForAMinuteByDefault() {
		BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "overload", "--rate", "50" }, PROJECT);
		assertThat(options.mode()).isEqualTo("overload");
		assertThat(options.rates()).containsExactly(50.0);
		assertThat(options.overloadFactor()).isEqualTo(3.0);
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.calibrate()).isTrue();
	}

	@Test
	void takesTheFactorTheDurationAndNoCalibration() {
		BenchmarkOptions options = BenchmarkOptions.parse(
				new String[] { "overload", "--rate", "20", "--no-calibration", "--factor", "2.5", "--duration", "30s" },
				PROJECT);
		assertThat(options.overloadFactor()).isEqualTo(2.5);
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.calibrate()).isFalse();
	}

	@Test
	void keepsTheFixedAndRampModes() {
		BenchmarkOptions fixed = BenchmarkOptions
			.parse(new String[] { "fixed", "--rate", "100,200", "--env", "A=b=c", "--no-calibration" }, PROJECT);
		assertThat(fixed.rates()).containsExactly(100.0, 200.0);
		assertThat(fixed.stackEnvironment()).containsEntry("A", "b=c");
		assertThat(fixed.freshStack()).isTrue();
		BenchmarkOptions ramp = BenchmarkOptions.parse(new String[] { "ramp", "--start", "30", "--step", "10" },
				PROJECT);
		assertThat(ramp.rampStart()).isEqualTo(30.0);
		assertThat(ramp.rampStep()).isEqualTo(10.0);
	}

	@Test
	void aRunningStackMayNameItsBroker() {
		BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "fixed", "--gateway", "http://g", "--psp",
				"http://p", "--order-db", "jdbc:postgresql://h:5432/shopflow_order", "--inventory-db",
				"jdbc:postgresql://h:5432/shopflow_inventory", "--kafka", "h:9092" }, PROJECT);
		assertThat(options.kafka()).isEqualTo("h:9092");
		assertThat(options.freshStack()).isFalse();
	}

	@Test
	void rejectsAnUnknownModeAndAnOverloadWithSeveralRates() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse(new String[] { "soak" }, PROJECT));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "overload", "--rate", "10,20" }, PROJECT));
		assertThatIllegalArgumentException().isThrownBy(
				() -> BenchmarkOptions.parse(new String[] { "overload", "--rate", "10", "--factor", "0" }, PROJECT));
	}

	@Test
	void parsesDurations() {
		assertThat(BenchmarkOptions.duration("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(BenchmarkOptions.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(BenchmarkOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(BenchmarkOptions.duration("7")).isEqualTo(Duration.ofSeconds(7));
	}

}
