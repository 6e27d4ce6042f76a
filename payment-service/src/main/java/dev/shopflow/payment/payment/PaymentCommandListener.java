package dev.shopflow.payment.payment;

import java.util.ArrayList;
import java.util.List;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.Topics;
import dev.shopflow.common.UnreadableMessageException;
import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.RefundPayment;
import dev.shopflow.defaults.messaging.MessageReceiver;
import dev.shopflow.defaults.messaging.MessageReceiver.Batch;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Entry point of the saga's payment commands, a poll at a time: the poll's commands are
 * claimed in one transaction (inbox entries, new {@code PENDING} payments, leases, refund
 * requests, the answers that need no provider call); after that commit the provider is
 * called for the claimed charges concurrently (at most {@code provider-parallelism} at
 * once, each call through the provider's circuit breaker, retry, time limit and bulkhead)
 * and their outcomes are settled in one transaction. A record that fails on its own is
 * handed to the error handler only after the work the records before it claimed is done.
 */
@Component
class PaymentCommandListener {

	static final String CONSUMER = "payment-service";

	private final MessageReceiver receiver;

	private final PaymentCharges charges;

	private final PaymentRefunds refunds;

	PaymentCommandListener(MessageReceiver receiver, PaymentCharges charges, PaymentRefunds refunds) {
		this.receiver = receiver;
		this.charges = charges;
		this.refunds = refunds;
	}

	@KafkaListener(topics = Topics.PAYMENT_COMMANDS, groupId = CONSUMER, batch = "true")
	void on(List<ConsumerRecord<String, String>> records) {
		Batch<Work> batch = this.receiver.receiveBatch(CONSUMER, records, this::claim);
		List<Claim> charges = new ArrayList<>();
		List<Payment> refunds = new ArrayList<>();
		for (Work work : batch.results()) {
			if (work.charge() != null) {
				charges.add(work.charge());
			}
			else {
				refunds.add(work.refund());
			}
		}
		this.charges.chargeAll(charges);
		this.refunds.continueAll(refunds);
		batch.throwIfFailed();
	}

	// in the poll's transaction
	private Work claim(Message message) {
		return switch (message) {
			case ChargePayment charge -> {
				Claim claim = this.charges.claim(order(charge));
				yield (claim.step() == Claim.Step.CHARGE) ? new Work(claim, null) : null;
			}
			case RefundPayment refund ->
				this.refunds.requestRefund(refund).map((payment) -> new Work(null, payment)).orElse(null);
			default -> throw new UnreadableMessageException(
					"Expected a payment command but got " + MessageCodec.typeOf(message), null);
		};
	}

	private static ChargeOrder order(ChargePayment command) {
		return new ChargeOrder(command.transactionId(), command.orderId(), command.customerId(), command.amountMinor(),
				command.currency(), command.paymentToken(), command.traceparent(), true);
	}

	/**
	 * What a claimed command leaves to do after its transaction: a charge to make, or a
	 * refund to work on.
	 *
	 * @param charge the claimed charge, or {@code null}
	 * @param refund the payment to refund, or {@code null}
	 */
	private record Work(Claim charge, Payment refund) {
	}

}
