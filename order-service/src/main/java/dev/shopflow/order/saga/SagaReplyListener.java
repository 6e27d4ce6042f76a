package dev.shopflow.order.saga;

import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.Message;
import dev.shopflow.defaults.messaging.MessageReceiver;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the participants' replies, once each (a redelivered message id is skipped),
 * and hands them to the saga in the transaction that records them as consumed. One
 * listener for both reply topics: one consumer group member per thread, fewer rebalances.
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

	@KafkaListener(topics = { Topics.INVENTORY_REPLIES, Topics.PAYMENT_REPLIES },
			groupId = "${spring.kafka.consumer.group-id:order-service}")
	void onReply(String payload) {
		this.receiver.receiveOnce(CONSUMER, payload, Message.class, this.saga::handle);
	}

}
