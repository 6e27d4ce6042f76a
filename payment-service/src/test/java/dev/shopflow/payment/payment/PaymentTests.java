package dev.shopflow.payment.payment;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentTests {

	private static final UUID ORDER = UUID.randomUUID();

	@Test
	void recognisesARepeatedChargeWithTheSameParameters() {
		Payment payment = recorded(order(1999, "EUR", "tok_ok", ORDER));

		assertThat(payment.sameCharge(order(1999, "EUR", "tok_ok", ORDER))).isTrue();
		assertThat(payment.sameCharge(order(1999, "EUR", "tok_ok", null))).isTrue();
	}

	@Test
	void tellsAChargeWithOtherParametersApart() {
		Payment payment = recorded(order(1999, "EUR", "tok_ok", ORDER));

		assertThat(payment.sameCharge(order(2000, "EUR", "tok_ok", ORDER))).isFalse();
		assertThat(payment.sameCharge(order(1999, "USD", "tok_ok", ORDER))).isFalse();
		assertThat(payment.sameCharge(order(1999, "EUR", "tok_ok_other", ORDER))).isFalse();
		assertThat(payment.sameCharge(order(1999, "EUR", "tok_ok", UUID.randomUUID()))).isFalse();
	}

	@Test
	void neverShowsTheTokenInItsTextForm() {
		ChargeOrder order = order(100, "EUR", "tok_ok_secret", ORDER);

		assertThat(order.toString()).doesNotContain("tok_ok_secret");
		assertThat(recorded(order).toString()).doesNotContain("tok_ok_secret");
		assertThat(order.tokenFingerprint()).hasSize(64).doesNotContain("tok_ok_secret");
	}

	@Test
	void belongsOnlyToItsOwnOrder() {
		Payment payment = recorded(order(100, "EUR", "tok_ok", ORDER));

		assertThat(payment.belongsTo(ORDER)).isTrue();
		assertThat(payment.belongsTo(UUID.randomUUID())).isFalse();
		assertThat(payment.belongsTo(null)).isFalse();
	}

	private static ChargeOrder order(long amountMinor, String currency, String token, UUID orderId) {
		return new ChargeOrder("tx-1", orderId, "carol", amountMinor, currency, token, null, true);
	}

	private static Payment recorded(ChargeOrder order) {
		return new Payment(order.transactionId(), order.orderId(), order.customerId(), order.amountMinor(),
				order.currency(), PaymentStatus.PENDING, null, null, order.token(), order.tokenFingerprint(), true,
				null, false, false, false, 0, 0, Instant.now(), Instant.now());
	}

}
