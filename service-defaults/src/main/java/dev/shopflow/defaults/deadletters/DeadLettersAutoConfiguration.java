package dev.shopflow.defaults.deadletters;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import dev.shopflow.defaults.messaging.MessagingAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The dead-letter endpoints of a servlet service that consumes saga topics.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnClass(
		name = { "org.springframework.kafka.core.KafkaTemplate", "org.springframework.web.servlet.DispatcherServlet" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean({ KafkaTemplate.class, ConsumerFactory.class, MessagingAutoConfiguration.class })
public class DeadLettersAutoConfiguration {

	@Bean
	DeadLetters deadLetters(ConsumerFactory<String, String> consumers, KafkaTemplate<String, String> kafka,
			MeterRegistry meters, ObjectProvider<ListenerContainerRegistry> registry) {
		return new DeadLetters(consumers, kafka, meters, () -> consumedTopics(registry.getIfAvailable()));
	}

	@Bean
	DeadLetterController deadLetterController(DeadLetters deadLetters) {
		return new DeadLetterController(deadLetters);
	}

	@Bean
	DeadLetterProblems deadLetterProblems() {
		return new DeadLetterProblems();
	}

	private static Set<String> consumedTopics(ListenerContainerRegistry registry) {
		if (registry == null) {
			return Set.of();
		}
		return registry.getAllListenerContainers()
			.stream()
			.map(MessageListenerContainer::getContainerProperties)
			.filter((properties) -> properties.getTopics() != null)
			.flatMap((properties) -> Arrays.stream(properties.getTopics()))
			.collect(Collectors.toUnmodifiableSet());
	}

}
