package dev.shopflow.common;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may do what on the saga's Kafka topics: one Kafka principal per service, named as
 * the service, and the rights that principal needs, no more. The one source of the ACLs
 * of compose ({@code deploy/compose/kafka-setup.sh}) and of the prod overlay's
 * {@code KafkaUser}s, which deployment-tests compare with it, and of the rights table in
 * common/README.md.
 * <p>
 * A service writes the topics it {@link #produces() produces}, the dead-letter topics of
 * those it consumes, and the consumed topics themselves (a dead-letter redrive publishes
 * a record again to the topic it came from: a consumer can feed only itself that way); it
 * reads the topics it consumes and their dead-letter topics, in its own consumer group.
 * Nobody else writes a topic: inventory-service cannot forge a payment reply.
 *
 * @param principal the service's Kafka user name (SASL/SCRAM), its application name
 * @param consumerGroup the consumer group its listeners join
 * @param produces the topics it publishes to (its outbox)
 * @param consumes the topics its listeners read
 */
public record TopicAccess(String principal, String consumerGroup, List<String> produces, List<String> consumes) {

	/** order-service: orchestrates the saga, publishes the order events. */
	public static final TopicAccess ORDER_SERVICE = new TopicAccess("order-service", "order-service",
			List.of(Topics.INVENTORY_COMMANDS, Topics.PAYMENT_COMMANDS, Topics.ORDER_EVENTS),
			List.of(Topics.INVENTORY_REPLIES, Topics.PAYMENT_REPLIES));

	/** payment-service: answers the payment commands. */
	public static final TopicAccess PAYMENT_SERVICE = new TopicAccess("payment-service", "payment-service",
			List.of(Topics.PAYMENT_REPLIES), List.of(Topics.PAYMENT_COMMANDS));

	/** inventory-service: answers the inventory commands. */
	public static final TopicAccess INVENTORY_SERVICE = new TopicAccess("inventory-service", "inventory-service",
			List.of(Topics.INVENTORY_REPLIES), List.of(Topics.INVENTORY_COMMANDS));

	/** Every service that uses Kafka (the gateway does not). */
	public static final List<TopicAccess> SERVICES = List.of(ORDER_SERVICE, PAYMENT_SERVICE, INVENTORY_SERVICE);

	public TopicAccess {
		produces = List.copyOf(produces);
		consumes = List.copyOf(consumes);
	}

	/**
	 * The topics this principal may write: those it produces, those it consumes (for a
	 * redrive) and their dead-letter topics.
	 * @return topic names
	 */
	public Set<String> writes() {
		Set<String> topics = new LinkedHashSet<>(this.produces);
		topics.addAll(this.consumes);
		topics.addAll(deadLetters());
		return topics;
	}

	/**
	 * The topics this principal may read: those it consumes and their dead-letter topics.
	 * @return topic names
	 */
	public Set<String> reads() {
		Set<String> topics = new LinkedHashSet<>(this.consumes);
		topics.addAll(deadLetters());
		return topics;
	}

	private List<String> deadLetters() {
		List<String> topics = new ArrayList<>();
		for (String topic : this.consumes) {
			topics.add(Topics.deadLetter(topic));
		}
		return topics;
	}

	/**
	 * The principal that produces a topic.
	 * @param topic a topic of {@link Topics#ALL}
	 * @return its only producer
	 */
	public static TopicAccess producerOf(String topic) {
		return SERVICES.stream()
			.filter((service) -> service.produces().contains(topic))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No producer of " + topic));
	}

}
