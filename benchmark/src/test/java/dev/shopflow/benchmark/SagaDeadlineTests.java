package dev.shopflow.benchmark;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SagaDeadlineTests {

	@Test
	void comesFromTheStackEnvironmentOrTheConfiguration() {
		String yaml = "shopflow:\n  order:\n    saga-deadline: ${ORDER_SAGA_DEADLINE:30s}\n";
		assertThat(SagaDeadline.resolve(Map.of(), yaml)).isEqualTo(Duration.ofSeconds(30));
		assertThat(SagaDeadline.resolve(Map.of("ORDER_SAGA_DEADLINE", "10s"), yaml)).isEqualTo(Duration.ofSeconds(10));
		assertThat(SagaDeadline.resolve(Map.of("ORDER_SAGA_DEADLINE", "PT45S"), yaml))
			.isEqualTo(Duration.ofSeconds(45));
		assertThat(SagaDeadline.resolve(Map.of(), "")).isEqualTo(Duration.ofSeconds(30));
	}

}
