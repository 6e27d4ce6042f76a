package dev.shopflow.order;

import dev.shopflow.common.messages.Message;
import dev.shopflow.defaults.messaging.Outbox;
import dev.shopflow.testsupport.MessagingContract;

import org.springframework.beans.factory.annotation.Autowired;

@OrderServiceTest
class OrderServiceIntegrationTests extends MessagingContract {

	@Autowired
	private Outbox outbox;

	@Override
	protected String jsonBodyPath() {
		return "/api/orders";
	}

	@Override
	protected void addToOutbox(Message message) {
		this.outbox.add(message);
	}

}
