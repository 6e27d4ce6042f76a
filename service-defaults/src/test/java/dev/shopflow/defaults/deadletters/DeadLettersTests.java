package dev.shopflow.defaults.deadletters;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTests {

	@Test
	void masksEveryTokenFieldOfAPayloadAtAnyDepth() {
		JsonNode payload = DeadLetter.maskedPayload("""
				{ "type": "ChargePayment", "paymentToken": "tok_visa_4242", "amountMinor": 1200,
				  "method": { "cardToken": "tok_x" }, "lines": [ { "TOKEN": "t" } ] }""");

		assertThat(payload.path("paymentToken").asString()).isEqualTo("***");
		assertThat(payload.path("method").path("cardToken").asString()).isEqualTo("***");
		assertThat(payload.path("lines").get(0).path("TOKEN").asString()).isEqualTo("***");
		assertThat(payload.path("amountMinor").asLong()).isEqualTo(1200);
		assertThat(payload.toString()).doesNotContain("tok_");
	}

	@Test
	void showsAnUnreadablePayloadAsTextCutToTwoThousandCharacters() {
		assertThat(DeadLetter.maskedPayload("{ not json").asString()).isEqualTo("{ not json");
		assertThat(DeadLetter.maskedPayload("x".repeat(5000)).asString()).hasSize(2000);
		assertThat(DeadLetter.maskedPayload(null)).isNull();
	}

}
