package dev.shopflow.defaults.messaging;

import java.util.ArrayList;
import java.util.List;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.Topics;
import dev.shopflow.defaults.tracing.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The saga's messaging for a service that has both a database and Kafka: outbox and
 * relay, inbox, the receiver, the saga topics, and an error handler that retries a
 * failing record a bounded number of times and then dead-letters it, so it never blocks
 * its partition.
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		JdbcClientAutoConfiguration.class, TransactionAutoConfiguration.class })
@ConditionalOnClass({ KafkaTemplate.class, JdbcClient.class })
@ConditionalOnBean({ KafkaTemplate.class, JdbcClient.class, TransactionTemplate.class })
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

	@Bean
	MessageCodec messageCodec() {
		return new MessageCodec();
	}

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			MessagingProperties properties, MeterRegistry meters) {
		return new OutboxRelay(jdbc, transactions, kafka, properties, meters);
	}

	@Bean
	Outbox outbox(JdbcClient jdbc, MessageCodec codec, OutboxRelay relay, ObjectProvider<TraceContexts> traces) {
		return new Outbox(jdbc, codec, relay, traces.getIfAvailable(TraceContexts::none));
	}

	@Bean
	Inbox inbox(JdbcClient jdbc) {
		return new Inbox(jdbc);
	}

	@Bean
	InboxJanitor inboxJanitor(Inbox inbox, MessagingProperties properties, MeterRegistry meters) {
		return new InboxJanitor(inbox, properties.inboxRetention(), meters);
	}

	@Bean
	MessageReceiver messageReceiver(MessageCodec codec, Inbox inbox, TransactionTemplate transactions,
			MeterRegistry meters, ObjectProvider<TraceContexts> traces) {
		return new MessageReceiver(codec, inbox, transactions, meters, traces.getIfAvailable(TraceContexts::none));
	}

	@Bean
	CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> kafka, MessagingProperties properties,
			MeterRegistry meters, ObjectProvider<ListenerContainerRegistry> registry) {
		// pauses a container during a back-off; one small thread is all the resumes need
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("kafka-backoff-");
		scheduler.setDaemon(true);
		scheduler.initialize();
		return MessageErrorHandling.errorHandler(kafka, properties, meters, registry.getIfAvailable(), scheduler);
	}

	@Bean
	@ConditionalOnBean(KafkaListenerEndpointRegistry.class)
	DeadLetterMeters deadLetterMeters(KafkaListenerEndpointRegistry listeners, MeterRegistry meters) {
		return new DeadLetterMeters(listeners, meters);
	}

	@Bean
	KafkaAdmin.NewTopics sagaTopics(MessagingProperties properties) {
		return new KafkaAdmin.NewTopics(sagaTopicList(properties).toArray(NewTopic[]::new));
	}

	/**
	 * The saga topics and their dead-letter topics, as a service creates them when
	 * missing.
	 * @param properties partitions and replicas
	 * @return the topics
	 */
	static List<NewTopic> sagaTopicList(MessagingProperties properties) {
		List<NewTopic> topics = new ArrayList<>();
		for (String topic : Topics.ALL) {
			for (String name : List.of(topic, Topics.deadLetter(topic))) {
				// the payment commands carry card tokens: kept only briefly
				// (Topics.config)
				topics.add(TopicBuilder.name(name)
					.partitions(properties.partitions())
					.replicas(properties.replicas())
					.configs(Topics.config(name))
					.build());
			}
		}
		return topics;
	}

}
