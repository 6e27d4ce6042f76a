package dev.shopflow.inventory;

import dev.shopflow.common.messages.Message;
import dev.shopflow.defaults.messaging.Outbox;
import dev.shopflow.testsupport.MessagingContract;
import dev.shopflow.testsupport.ShopflowIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

@ShopflowIntegrationTest
class InventoryServiceIntegrationTests extends MessagingContract {

	@Autowired
	private Outbox outbox;

	@Override
	protected String jsonBodyPath() {
		return "/api/products";
	}

	@Override
	protected void addToOutbox(Message message) {
		this.outbox.add(message);
	}

}
