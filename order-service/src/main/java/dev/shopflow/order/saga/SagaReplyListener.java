package dev.shopflow.order.saga;

import java.util.List;

import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.Message;
import dev.shopflow.defaults.messaging.MessageReceiver;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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

	// a poll's replies in one transaction: each order is its own row, locked in the order
	// the replies arrive, and one order's replies are on one partition, so two consumers
	// never wait for each other's orders
	@KafkaListener(topics = { Topics.INVENTORY_REPLIES, Topics.PAYMENT_REPLIES },
			groupId = "${spring.kafka.consumer.group-id:order-service}", batch = "true")
	void onReplies(List<ConsumerRecord<String, String>> replies) {
		this.receiver.receiveAllOnce(CONSUMER, replies, Message.class, this.saga::handle);
	}

}
