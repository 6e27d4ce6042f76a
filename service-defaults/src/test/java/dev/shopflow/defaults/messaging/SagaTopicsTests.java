package dev.shopflow.defaults.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import dev.shopflow.common.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The topics a service creates at start-up when they are missing. */
class SagaTopicsTests {

	private final MessagingProperties properties = new MessagingProperties(500, Duration.ofMillis(100),
			Duration.ofSeconds(5), 6, (short) 3, 3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofDays(7));

	@Test
	void createsThePaymentCommandTopicsWithTheShortRetentionOfCardTokens() {
		Map<String, NewTopic> topics = MessagingAutoConfiguration.sagaTopicList(this.properties)
			.stream()
			.collect(Collectors.toMap(NewTopic::name, (topic) -> topic));

		assertThat(topics).hasSize(2 * Topics.ALL.size());
		for (String name : new String[] { Topics.PAYMENT_COMMANDS, Topics.deadLetter(Topics.PAYMENT_COMMANDS) }) {
			assertThat(topics.get(name).configs()).as(name)
				.containsEntry("retention.ms", "3600000")
				.containsEntry("segment.ms", "600000");
		}
		assertThat(topics.get(Topics.ORDER_EVENTS).configs()).isNullOrEmpty();
		assertThat(topics.values()).allSatisfy((topic) -> {
			assertThat(topic.numPartitions()).isEqualTo(6);
			assertThat(topic.replicationFactor()).isEqualTo((short) 3);
		});
	}

}
