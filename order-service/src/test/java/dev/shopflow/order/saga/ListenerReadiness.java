package dev.shopflow.order.saga;

import dev.shopflow.testsupport.Instances;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Waits until the saga's listeners of one instance own every partition of both reply
 * topics (no rebalance in progress), so a test's replies are read at once.
 */
final class ListenerReadiness {

	private static final int REPLY_PARTITIONS = 2 * 6;

	private ListenerReadiness() {
	}

	static void await(KafkaListenerEndpointRegistry listeners) {
		Instances.awaitAssigned(listeners, REPLY_PARTITIONS);
	}

}
