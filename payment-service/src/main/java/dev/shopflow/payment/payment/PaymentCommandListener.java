package dev.shopflow.payment.payment;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.PaymentCommand;
import dev.shopflow.common.messages.RefundPayment;
import dev.shopflow.defaults.messaging.MessageReceiver;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The saga's payment commands. Each command is de-duplicated by message id (inbox) and
 * the charge is idempotent by transaction id: a re-sent ChargePayment for a settled
 * transaction answers the recorded outcome without calling the provider. The claim (and
 * the inbox entry) commit before the provider is called; if the service dies in between,
 * the reconciler settles the payment and answers.
 */
@Component
class PaymentCommandListener {

	static final String CONSUMER = "payment-service";

	private final MessageReceiver receiver;

	private final PaymentManagement payments;

	PaymentCommandListener(MessageReceiver receiver, PaymentManagement payments) {
		this.receiver = receiver;
		this.payments = payments;
	}

	@KafkaListener(topics = Topics.PAYMENT_COMMANDS, groupId = CONSUMER)
	void on(String payload) {
		AtomicReference<PaymentManagement.Claim> charge = new AtomicReference<>();
		AtomicReference<Optional<Payment>> refund = new AtomicReference<>(Optional.empty());
		this.receiver.receiveOnce(CONSUMER, payload, PaymentCommand.class, (command) -> {
			switch (command) {
				case ChargePayment chargePayment -> charge.set(this.payments.claim(order(chargePayment)));
				case RefundPayment refundPayment -> refund.set(this.payments.requestRefund(refundPayment));
			}
		});
		if (charge.get() != null) {
			this.payments.continueCharge(charge.get());
		}
		refund.get().ifPresent(this.payments::continueRefund);
	}

	private static ChargeOrder order(ChargePayment command) {
		return new ChargeOrder(command.transactionId(), command.orderId(), command.customerId(), command.amountMinor(),
				command.currency(), command.paymentToken(), command.traceparent(), true);
	}

}
