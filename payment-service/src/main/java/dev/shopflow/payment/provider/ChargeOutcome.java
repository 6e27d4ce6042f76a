package dev.shopflow.payment.provider;

/** What the provider made of a charge request. */
public sealed interface ChargeOutcome {

	/**
	 * The card was charged.
	 *
	 * @param chargeId the provider's charge id
	 */
	record Charged(String chargeId) implements ChargeOutcome {
	}

	/**
	 * The card was declined; nothing was charged.
	 *
	 * @param chargeId the provider's id of the declined attempt
	 * @param declineCode the provider's reason
	 */
	record Declined(String chargeId, String declineCode) implements ChargeOutcome {
	}

	/**
	 * No answer within the retry budget, or the circuit is open: the outcome is unknown.
	 *
	 * @param reason what went wrong, for logs and replies
	 */
	record Unavailable(String reason) implements ChargeOutcome {
	}

}
