package dev.shopflow.payment.provider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderDeclineTests {

	@Test
	void readsTheSimulatorsProblem() {
		assertThat(ProviderDecline.of("{\"status\":402,\"declineCode\":\"insufficient_funds\",\"chargeId\":\"ch_1\"}"))
			.isEqualTo(new ProviderDecline("ch_1", "insufficient_funds"));
	}

	@Test
	void readsStripesErrorObject() {
		assertThat(ProviderDecline
			.of("{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\",\"decline_code\":\"lost_card\","
					+ "\"charge\":\"ch_2\"}}"))
			.isEqualTo(new ProviderDecline("ch_2", "lost_card"));
		assertThat(ProviderDecline.of("{\"error\":{\"code\":\"expired_card\"}}").declineCode())
			.isEqualTo("expired_card");
	}

	@Test
	void fallsBackToAPlainDeclineForABodyWithoutReason() {
		assertThat(ProviderDecline.of("not json")).isEqualTo(new ProviderDecline(null, "card_declined"));
		assertThat(ProviderDecline.of("")).isEqualTo(new ProviderDecline(null, "card_declined"));
		assertThat(ProviderDecline.of(null).declineCode()).isEqualTo("card_declined");
	}

}
