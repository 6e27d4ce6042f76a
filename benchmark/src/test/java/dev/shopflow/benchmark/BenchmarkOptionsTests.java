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

	@Test
	void runsOneMinuteAtAHundredOrdersPerSecondOnAFreshStackByDefault() {
		BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "fixed" }, PROJECT);
		assertThat(options.rates()).containsExactly(100.0);
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(15));
		assertThat(options.customers()).isEqualTo(200);
		assertThat(options.skus()).isEqualTo(100);
		assertThat(options.pollInterval()).isEqualTo(Duration.ofMillis(250));
		assertThat(options.outcomeWait()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.drainTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.declineRatio()).isZero();
		assertThat(options.rampStart()).isEqualTo(100.0);
		assertThat(options.rampStep()).isEqualTo(100.0);
		assertThat(options.rampStepDuration()).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.rampMax()).isEqualTo(2000.0);
		assertThat(options.dbUser()).isEqualTo("postgres");
		assertThat(options.stackRunDir()).isEqualTo(PROJECT.resolve(".run"));
		assertThat(options.out().getParent()).isEqualTo(PROJECT.resolve("benchmark/results"));
		assertThat(options.out().getFileName().toString()).matches("\\d{8}-\\d{6}-fixed");
		assertThat(options.jfrDir()).isNull();
		assertThat(options.kafka()).isNull();
		assertThat(options.stackEnvironment()).isEmpty();
		assertThat(options.freshStack()).isTrue();
	}

	@Test
	void readsAListOfRatesAsWrittenWithSpaces() {
		BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "fixed", "--rate", "100, 200 ,400.5" },
				PROJECT);
		assertThat(options.rates()).containsExactly(100.0, 200.0, 400.5);
	}

	@Test
	void takesTheResultsAndRecordingDirectoriesAndTheLoadShape() {
		BenchmarkOptions options = BenchmarkOptions
			.parse(new String[] { "fixed", "--out", "/tmp/results", "--jfr", "/tmp/jfr", "--customers", "50", "--skus",
					"3", "--wait", "0s", "--decline-ratio", "0.1", "--warmup", "0s" }, PROJECT);
		assertThat(options.out()).isEqualTo(Path.of("/tmp/results"));
		assertThat(options.jfrDir()).isEqualTo(Path.of("/tmp/jfr"));
		assertThat(options.customers()).isEqualTo(50);
		assertThat(options.skus()).isEqualTo(3);
		assertThat(options.outcomeWait()).isZero();
		assertThat(options.declineRatio()).isEqualTo(0.1);
		assertThat(options.warmUp()).isZero();
	}

	@Test
	void rejectsNoArgumentsAnOptionWithoutValueAndAValueWithoutOption() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse(new String[0], PROJECT));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "fixed", "--rate" }, PROJECT))
			.withMessage("expected --name value, got --rate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "fixed", "100" }, PROJECT))
			.withMessage("expected --name value, got 100");
	}

	@Test
	void rejectsAnEnvironmentVariableWithoutName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "fixed", "--env", "JAVA_OPTS" }, PROJECT));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "fixed", "--env", "=x" }, PROJECT));
	}

	@Test
	void rejectsARunningStackWithoutItsSimulatorAndDatabases() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions
				.parse(new String[] { "fixed", "--gateway", "http://g", "--psp", "http://p" }, PROJECT))
			.withMessageContaining("--order-db");
	}

	@Test
	void rejectsFewerThanThreeOrMoreThan9999Skus() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "fixed", "--skus", "2" }, PROJECT));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "fixed", "--skus", "10000" }, PROJECT));
	}

	@Test
	void rejectsRatesAndDurationsThatAreNotNumbers() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "fixed", "--rate", "fast" }, PROJECT));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "fixed", "--rate", "100,,200" }, PROJECT));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "fixed", "--duration", "soon" }, PROJECT));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.duration("1h"));
	}

	@Test
	void parsesDurationsAsTheyAreWrittenOnTheCommandLine() {
		assertThat(BenchmarkOptions.duration("60s")).isEqualTo(Duration.ofSeconds(60));
		assertThat(BenchmarkOptions.duration(" 60S ")).isEqualTo(Duration.ofSeconds(60));
		assertThat(BenchmarkOptions.duration("0.25s")).isEqualTo(Duration.ofMillis(250));
		assertThat(BenchmarkOptions.duration("0s")).isZero();
	}

}
