package dev.shopflow.payment;

import dev.shopflow.common.messages.Message;
import dev.shopflow.defaults.messaging.Outbox;
import dev.shopflow.testsupport.MessagingContract;
import dev.shopflow.testsupport.ShopflowIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

@ShopflowIntegrationTest
class PaymentServiceIntegrationTests extends MessagingContract {

	static {
		// before the (shared) application context starts: it reads the simulator's URL
		PspSimulatorServer.start();
	}

	@Autowired
	private Outbox outbox;

	@Override
	protected String jsonBodyPath() {
		return "/api/payments";
	}

	@Override
	protected void addToOutbox(Message message) {
		this.outbox.add(message);
	}

}
