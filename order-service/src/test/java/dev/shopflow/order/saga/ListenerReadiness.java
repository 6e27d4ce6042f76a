package dev.shopflow.order.saga;

import java.util.concurrent.TimeUnit;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Waits until the saga's listeners own their partitions, so a test's replies are read at
 * once.
 */
final class ListenerReadiness {

	private ListenerReadiness() {
	}

	static void await(KafkaListenerEndpointRegistry listeners) {
		org.awaitility.Awaitility.await()
			.atMost(30, TimeUnit.SECONDS)
			.until(() -> listeners.getListenerContainers()
				.stream()
				.allMatch((container) -> container.getAssignedPartitions() != null
						&& !container.getAssignedPartitions().isEmpty()));
	}

}
