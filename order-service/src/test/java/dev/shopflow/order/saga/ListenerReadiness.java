package dev.shopflow.order.saga;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Waits until the saga's listeners of one instance own every partition of both reply
 * topics (no rebalance in progress), so a test's replies are read at once.
 */
final class ListenerReadiness {

	private static final int REPLY_PARTITIONS = 2 * 6;

	private ListenerReadiness() {
	}

	static void await(KafkaListenerEndpointRegistry listeners) {
		awaitAssigned(listeners, REPLY_PARTITIONS);
	}

	static void awaitAssigned(KafkaListenerEndpointRegistry listeners, int partitions) {
		org.awaitility.Awaitility.await()
			.atMost(60, TimeUnit.SECONDS)
			.until(() -> listeners.getListenerContainers()
				.stream()
				.map(MessageListenerContainer::getAssignedPartitions)
				.mapToInt(ListenerReadiness::size)
				.sum() == partitions);
	}

	private static int size(Collection<TopicPartition> partitions) {
		return (partitions != null) ? partitions.size() : 0;
	}

}
