package dev.shopflow.payment.payment;

import java.util.function.BooleanSupplier;

/**
 * What a charge request needs, decided under the payment's row lock.
 *
 * @param payment the payment as claimed
 * @param step what to do next
 * @param created whether the request created the payment
 */
record Claim(Payment payment, Step step, boolean created) {

	/**
	 * The claim rules: a new payment, or a {@code PENDING} one whose lease the caller
	 * could take, is for the caller to charge; a settled one is answered as recorded; one
	 * that another caller holds is left to that caller; a known transaction id with other
	 * parameters is refused.
	 * @param created whether the request just created the payment
	 * @param payment the payment, locked
	 * @param order the request
	 * @param takeLease takes the lease of the payment; asked only for a {@code PENDING}
	 * payment that the request did not create
	 * @return the step
	 */
	static Step decide(boolean created, Payment payment, ChargeOrder order, BooleanSupplier takeLease) {
		if (created) {
			return Step.CHARGE;
		}
		if (!payment.sameCharge(order)) {
			return Step.MISMATCH;
		}
		if (!payment.pending()) {
			return Step.SETTLED;
		}
		return takeLease.getAsBoolean() ? Step.CHARGE : Step.IN_FLIGHT;
	}

	enum Step {

		/** The caller holds the lease and calls the provider. */
		CHARGE,

		/** Another caller is calling the provider right now and answers. */
		IN_FLIGHT,

		/** The outcome is recorded. */
		SETTLED,

		/** The transaction id is known with other parameters. */
		MISMATCH

	}

}
