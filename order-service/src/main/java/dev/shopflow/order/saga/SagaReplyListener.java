package dev.shopflow.order.saga;

import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.InventoryReply;
import dev.shopflow.common.messages.PaymentReply;
import dev.shopflow.defaults.messaging.MessageReceiver;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the participants' replies, once each (a redelivered message id is skipped),
 * and hands them to the saga in the transaction that records them as consumed.
 */
@Component
class SagaReplyListener {

	static final String CONSUMER = "order-saga";

	private final MessageReceiver receiver;

	private final OrderSaga saga;

	SagaReplyListener(MessageReceiver receiver, OrderSaga saga) {
		this.receiver = receiver;
		this.saga = saga;
	}

	@KafkaListener(topics = Topics.INVENTORY_REPLIES, groupId = "${spring.kafka.consumer.group-id:order-service}")
	void onInventoryReply(String payload) {
		this.receiver.receiveOnce(CONSUMER, payload, InventoryReply.class, this.saga::handle);
	}

	@KafkaListener(topics = Topics.PAYMENT_REPLIES, groupId = "${spring.kafka.consumer.group-id:order-service}")
	void onPaymentReply(String payload) {
		this.receiver.receiveOnce(CONSUMER, payload, PaymentReply.class, this.saga::handle);
	}

}
