package dev.shopflow.common;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTests {

	@Test
	void keepsTheTopicsThatCarryCardTokensOnlyAnHour() {
		Map<String, String> shortLived = Map.of("retention.ms", "3600000", "segment.ms", "600000");

		assertThat(Topics.config(Topics.PAYMENT_COMMANDS)).isEqualTo(shortLived);
		assertThat(Topics.config(Topics.deadLetter(Topics.PAYMENT_COMMANDS))).isEqualTo(shortLived);
		// far above the saga deadline (30 s), yet hours, not the other topics' days
		assertThat(Topics.PAYMENT_COMMANDS_RETENTION).isGreaterThan(Duration.ofMinutes(30))
			.isLessThanOrEqualTo(Duration.ofHours(1));
		assertThat(Topics.PAYMENT_COMMANDS_SEGMENT).isLessThan(Topics.PAYMENT_COMMANDS_RETENTION);
	}

	@Test
	void leavesTheOtherTopicsToTheBrokersDefaults() {
		for (String topic : Topics.ALL) {
			if (!topic.equals(Topics.PAYMENT_COMMANDS)) {
				assertThat(Topics.config(topic)).as(topic).isEmpty();
				assertThat(Topics.config(Topics.deadLetter(topic))).as(topic).isEmpty();
			}
		}
	}

}
