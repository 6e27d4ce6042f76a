package dev.shopflow.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicAccessTests {

	@Test
	void givesEveryTopicExactlyOneProducer() {
		for (String topic : Topics.ALL) {
			assertThat(TopicAccess.SERVICES.stream().filter((service) -> service.produces().contains(topic))).as(topic)
				.hasSize(1);
		}
		assertThat(TopicAccess.producerOf(Topics.PAYMENT_REPLIES)).isEqualTo(TopicAccess.PAYMENT_SERVICE);
	}

	@Test
	void letsOnlyPaymentServiceAndItsConsumerWriteThePaymentReplies() {
		// a forged PaymentSucceeded confirms an order without payment
		assertThat(TopicAccess.SERVICES.stream()
			.filter((service) -> service.writes().contains(Topics.PAYMENT_REPLIES))
			.map(TopicAccess::principal)).containsExactlyInAnyOrder("payment-service", "order-service");
		assertThat(TopicAccess.INVENTORY_SERVICE.writes()).containsExactlyInAnyOrder(Topics.INVENTORY_REPLIES,
				Topics.INVENTORY_COMMANDS, Topics.deadLetter(Topics.INVENTORY_COMMANDS));
	}

	@Test
	void readsTheConsumedTopicsAndTheirDeadLetters() {
		assertThat(TopicAccess.ORDER_SERVICE.reads()).containsExactlyInAnyOrder(Topics.INVENTORY_REPLIES,
				Topics.PAYMENT_REPLIES, Topics.deadLetter(Topics.INVENTORY_REPLIES),
				Topics.deadLetter(Topics.PAYMENT_REPLIES));
		assertThat(TopicAccess.PAYMENT_SERVICE.reads()).doesNotContain(Topics.PAYMENT_REPLIES);
	}

}
