package dev.shopflow.benchmark;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalTests {

	private static final String PROBLEM = "{\"type\":\"https://shopflow.dev/problems/overloaded\","
			+ "\"title\":\"Service Unavailable\",\"status\":503}";

	@Test
	void describesAProblemWithRetryAfter() {
		assertThat(Refusal.describe(503, Optional.of("application/problem+json"), Optional.of("1"), PROBLEM))
			.isEqualTo("503 problem+json, Retry-After");
	}

	@Test
	void describesAPlainRefusalWithoutRetryAfter() {
		assertThat(Refusal.describe(429, Optional.of("text/plain;charset=UTF-8"), Optional.empty(), "slow down"))
			.isEqualTo("429 not a problem (text/plain), no Retry-After");
		assertThat(Refusal.describe(503, Optional.empty(), Optional.of(" "), ""))
			.isEqualTo("503 not a problem (no body type), no Retry-After");
	}

	@Test
	void aProblemNeedsItsMediaTypeAndAProblemBody() {
		assertThat(Refusal.isProblem(Optional.of("application/json"), PROBLEM)).isFalse();
		assertThat(Refusal.isProblem(Optional.of("application/problem+json"), "not json")).isFalse();
		assertThat(Refusal.isProblem(Optional.of("application/problem+json"), "[]")).isFalse();
		assertThat(Refusal.isProblem(Optional.of("application/problem+json; charset=utf-8"), PROBLEM)).isTrue();
	}

	@Test
	void onlySheddingAndRateLimitsAreRefusals() {
		assertThat(Refusal.isRefusal(503)).isTrue();
		assertThat(Refusal.isRefusal(429)).isTrue();
		assertThat(Refusal.isRefusal(500)).isFalse();
		assertThat(Refusal.isRefusal(400)).isFalse();
	}

	@Test
	void confirmedAndDeclinedOrdersAreGoodOutput() {
		assertThat(OrderJourney.isGood("CONFIRMED", "")).isTrue();
		assertThat(OrderJourney.isGood("REJECTED", "PAYMENT_DECLINED")).isTrue();
		assertThat(OrderJourney.isGood("REJECTED", "TIMEOUT")).isFalse();
		assertThat(OrderJourney.isGood("CANCELLED", "")).isFalse();
	}

}
