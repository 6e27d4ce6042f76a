package dev.shopflow.defaults.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay, the inbox and the Kafka error handling
 * ({@code shopflow.messaging.*}).
 *
 * @param relayBatchSize how many outbox rows the relay publishes per round trip
 * @param relayPollInterval how long the relay sleeps when the outbox is empty and no
 * commit woke it
 * @param relaySendTimeout how long the relay waits for the broker to acknowledge a batch
 * @param partitions partitions of each saga topic (created if missing)
 * @param replicas replication factor of each saga topic
 * @param retryAttempts how often a message failing for a reason that is neither transient
 * nor permanent (a bug) is retried before it is dead-lettered; a transient failure
 * (database or broker unavailable) is retried for as long as it takes
 * @param retryInterval the first retry's back-off (doubling up to
 * {@code retryMaxInterval})
 * @param retryMaxInterval the longest back-off between two retries
 * @param inboxRetention how long consumed message ids are remembered
 */
@ConfigurationProperties("shopflow.messaging")
public record MessagingProperties(@DefaultValue("500") int relayBatchSize,
		@DefaultValue("100ms") Duration relayPollInterval, @DefaultValue("5s") Duration relaySendTimeout,
		@DefaultValue("6") int partitions, @DefaultValue("1") short replicas, @DefaultValue("3") int retryAttempts,
		@DefaultValue("200ms") Duration retryInterval, @DefaultValue("5s") Duration retryMaxInterval,
		@DefaultValue("7d") Duration inboxRetention) {

}
