package dev.shopflow.defaults.messaging;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Creates {@code shopflow.messages.dead.lettered{topic,reason}} at zero for every topic
 * this service consumes, so that the dashboard's dead-letter panel has series before the
 * first dead letter and an alert's {@code increase()} sees that first one.
 */
class DeadLetterMeters implements ApplicationListener<ContextRefreshedEvent> {

	/** The reasons {@link MessageErrorHandling} dead-letters for. */
	static final List<String> REASONS = List.of("unreadable", "permanent", "failed");

	private final KafkaListenerEndpointRegistry listeners;

	private final MeterRegistry meters;

	DeadLetterMeters(KafkaListenerEndpointRegistry listeners, MeterRegistry meters) {
		this.listeners = listeners;
		this.meters = meters;
	}

	// once the listener containers exist (they are registered after the singletons)
	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		for (MessageListenerContainer container : this.listeners.getAllListenerContainers()) {
			String[] topics = container.getContainerProperties().getTopics();
			if (topics == null) {
				continue;
			}
			for (String topic : topics) {
				REASONS.forEach((reason) -> MessageErrorHandling.deadLettered(this.meters, topic, reason));
			}
		}
	}

}
