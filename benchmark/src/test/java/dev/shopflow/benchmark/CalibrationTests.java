package dev.shopflow.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CalibrationTests {

	@Test
	void readsTheTpsOfPgbench() {
		String output = """
				number of failed transactions: 0 (0.000%)
				latency average = 2.828 ms
				initial connection time = 12.345 ms
				tps = 2829.123456 (without initial connection time)
				""";
		assertThat(Calibration.parseTps(output)).isEqualTo(2829.123456);
	}

	@Test
	void takesTheFirstTpsOfOlderVersions() {
		assertThat(Calibration.parseTps("tps = 1500.5 (including connections establishing)\n"
				+ "tps = 1510.0 (excluding connections establishing)\n"))
			.isEqualTo(1500.5);
		assertThat(Calibration.parseTps("pgbench: error: connection refused")).isNull();
	}

}
