package dev.shopflow.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.messages.Message;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.awaitility.Awaitility.await;

/**
 * A Kafka client for tests that speaks the saga's messages over the real broker: it sends
 * messages (or raw text) and records everything that appears on the topics it watches,
 * from the beginning, so a test can await the replies for its own order ids.
 */
public class TestMessaging implements AutoCloseable {

	private final MessageCodec codec = new MessageCodec();

	private final KafkaProducer<String, String> producer;

	private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();

	private final Thread poller;

	private volatile boolean running = true;

	private volatile boolean assigned;

	/**
	 * Starts watching topics.
	 * @param bootstrapServers the broker
	 * @param topics the topics to record
	 */
	public TestMessaging(String bootstrapServers, String... topics) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer());
		Properties consumerProperties = new Properties();
		consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
				new StringDeserializer());
		consumer.subscribe(List.of(topics));
		this.poller = Thread.ofPlatform().name("test-messaging").daemon().start(() -> {
			try (consumer) {
				while (this.running) {
					consumer.poll(Duration.ofMillis(100)).forEach(this.records::add);
					if (!consumer.assignment().isEmpty()) {
						this.assigned = true;
					}
				}
			}
		});
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.assigned);
	}

	/**
	 * Sends a message keyed by its order id and waits for the broker's acknowledgement.
	 * @param topic the topic
	 * @param message the message
	 */
	public void send(String topic, Message message) {
		sendRaw(topic, message.orderId().toString(), this.codec.encode(message));
	}

	/**
	 * Sends any text, e.g. a malformed message.
	 * @param topic the topic
	 * @param key the key
	 * @param payload the value
	 */
	public void sendRaw(String topic, String key, String payload) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key, payload)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send to " + topic, ex);
		}
	}

	/**
	 * Every decodable message of a type recorded so far for an order.
	 * @param <T> the type
	 * @param type the message type
	 * @param orderId the order
	 * @return the messages, in the order they were consumed
	 */
	public <T extends Message> List<T> received(Class<T> type, UUID orderId) {
		List<T> found = new ArrayList<>();
		for (ConsumerRecord<String, String> record : this.records) {
			if (orderId.toString().equals(record.key())) {
				Message message = decodeOrNull(record.value());
				if (type.isInstance(message)) {
					found.add(type.cast(message));
				}
			}
		}
		return found;
	}

	/**
	 * Every message recorded so far for an order, of any type.
	 * @param orderId the order
	 * @return the messages
	 */
	public List<Message> received(UUID orderId) {
		return received(Message.class, orderId);
	}

	/**
	 * Waits for a message of a type for an order and answers the first one.
	 * @param <T> the type
	 * @param type the message type
	 * @param orderId the order
	 * @return the first such message
	 */
	public <T extends Message> T awaitMessage(Class<T> type, UUID orderId) {
		return await().atMost(30, TimeUnit.SECONDS)
			.until(() -> received(type, orderId), (list) -> !list.isEmpty())
			.get(0);
	}

	/**
	 * Raw records recorded on a topic that match a condition.
	 * @param topic the topic
	 * @param condition what the record must satisfy
	 * @return the matching records
	 */
	public List<ConsumerRecord<String, String>> records(String topic,
			Predicate<ConsumerRecord<String, String>> condition) {
		return this.records.stream().filter((r) -> r.topic().equals(topic)).filter(condition).toList();
	}

	private Message decodeOrNull(String value) {
		try {
			return this.codec.decode(value);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.producer.close();
		try {
			this.poller.join(5_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
