package dev.shopflow.payment.provider;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reason in a provider's 402 answer: the simulator's problem ({@code declineCode},
 * {@code chargeId}) or Stripe's error object ({@code error.decline_code} or
 * {@code error.code}, {@code error.charge}).
 *
 * @param chargeId the provider's id of the declined attempt, or {@code null}
 * @param declineCode the reason; {@code card_declined} if the body names none
 */
record ProviderDecline(String chargeId, String declineCode) {

	static final String DEFAULT_CODE = "card_declined";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static ProviderDecline of(String body) {
		JsonNode json;
		try {
			json = JSON.readTree((body != null) ? body : "");
		}
		catch (JacksonException ex) {
			return new ProviderDecline(null, DEFAULT_CODE);
		}
		JsonNode error = json.path("error");
		String code = first(json.path("declineCode"), error.path("decline_code"), error.path("code"));
		String chargeId = first(json.path("chargeId"), error.path("charge"));
		return new ProviderDecline(chargeId, (code != null) ? code : DEFAULT_CODE);
	}

	private static String first(JsonNode... candidates) {
		for (JsonNode candidate : candidates) {
			if (candidate.isString() && !candidate.asString().isBlank()) {
				return candidate.asString();
			}
		}
		return null;
	}

}
