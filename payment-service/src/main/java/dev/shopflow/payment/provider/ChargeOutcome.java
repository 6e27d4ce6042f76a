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
	 * The provider refused the request (a 4xx other than a decline): asking again the
	 * same way is unlikely to help, so it is asked again a bounded number of times only.
	 *
	 * @param reason the provider's status, for logs and replies
	 */
	record Rejected(String reason) implements ChargeOutcome {
	}

	/**
	 * No answer within the retry budget, or the circuit is open: the outcome is unknown.
	 *
	 * @param reason what went wrong, for logs and replies
	 */
	record Unavailable(String reason) implements ChargeOutcome {
	}

}
