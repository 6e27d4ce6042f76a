package dev.shopflow.defaults.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.shopflow.common.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The dead-letter topics of the topics this service consumes, for operators: list what is
 * there and send one record back to the topic it came from (a redrive).
 * <p>
 * Kafka keeps the records (the topics' retention); nothing is copied elsewhere. A redrive
 * publishes the record again with its key, value and headers (without the dead-letter
 * ones), so the consumer's inbox makes a repeated redrive harmless: a message already
 * handled is skipped. A record that fails again is dead-lettered again. Every redrive is
 * logged at WARN with the caller (the audit trail) and counted
 * ({@code shopflow.messages.redriven{topic}}).
 * <p>
 * Hand-written because Spring Kafka offers dead-letter publishing but no reading back;
 * each call uses its own short-lived consumer that is assigned partitions (no group, no
 * commits), so listing never moves a consumer group.
 */
public class DeadLetters {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	static final String REDRIVEN_FROM_HEADER = "shopflow-redriven-from";

	private final ConsumerFactory<String, String> consumers;

	private final KafkaTemplate<String, String> kafka;

	private final MeterRegistry meters;

	private final Supplier<Set<String>> consumedTopics;

	/**
	 * @param consumers makes the short-lived readers
	 * @param kafka publishes redriven records
	 * @param meters counts redrives
	 * @param consumedTopics the topics this service's listeners consume (read when asked:
	 * the listener containers exist only once the context is refreshed)
	 */
	public DeadLetters(ConsumerFactory<String, String> consumers, KafkaTemplate<String, String> kafka,
			MeterRegistry meters, Supplier<Set<String>> consumedTopics) {
		this.consumers = consumers;
		this.kafka = kafka;
		this.meters = meters;
		this.consumedTopics = consumedTopics;
	}

	/**
	 * The dead-letter topics this service's consumers write to.
	 * @return topic names, sorted
	 */
	public List<String> topics() {
		return this.consumedTopics.get().stream().map(Topics::deadLetter).sorted().toList();
	}

	/**
	 * The newest dead letters of this service, newest first.
	 * @param limit how many at most per partition
	 * @return the dead letters
	 */
	public List<DeadLetter> list(int limit) {
		List<DeadLetter> letters = new ArrayList<>();
		try (Consumer<String, String> consumer = consumer()) {
			for (String topic : topics()) {
				List<TopicPartition> partitions = partitions(consumer, topic);
				if (partitions.isEmpty()) {
					continue;
				}
				Map<TopicPartition, Long> from = new HashMap<>();
				Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
				Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
				for (TopicPartition partition : partitions) {
					from.put(partition, Math.max(begins.get(partition), ends.get(partition) - limit));
				}
				for (ConsumerRecord<String, String> record : read(consumer, from, ends)) {
					letters.add(DeadLetter.of(record));
				}
			}
		}
		catch (KafkaException ex) {
			throw new DeadLetterUnavailableException("the dead-letter topics could not be read", ex);
		}
		letters.sort(Comparator.comparing(DeadLetter::deadLetteredAt).reversed());
		return letters;
	}

	/**
	 * One dead letter.
	 * @param topic its dead-letter topic
	 * @param partition its partition
	 * @param offset its offset
	 * @return the dead letter, empty if no such record (or not one of this service's
	 * topics)
	 */
	public Optional<DeadLetter> find(String topic, int partition, long offset) {
		return record(topic, partition, offset).map(DeadLetter::of);
	}

	/**
	 * Publishes a dead letter again to the topic it was consumed from.
	 * @param topic its dead-letter topic
	 * @param partition its partition
	 * @param offset its offset
	 * @param caller who asked (for the audit log)
	 * @return the dead letter redriven, empty if no such record
	 */
	public Optional<DeadLetter> redrive(String topic, int partition, long offset, String caller) {
		Optional<ConsumerRecord<String, String>> found = record(topic, partition, offset);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		ConsumerRecord<String, String> record = found.get();
		DeadLetter letter = DeadLetter.of(record);
		String target = (letter.originalTopic() != null) ? letter.originalTopic()
				: topic.substring(0, topic.length() - ".dlt".length());
		ProducerRecord<String, String> again = new ProducerRecord<>(target, null, record.key(), record.value());
		for (Header header : record.headers()) {
			if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-") && !header.key().equals(REDRIVEN_FROM_HEADER)) {
				again.headers().add(header);
			}
		}
		again.headers()
			.add(new RecordHeader(REDRIVEN_FROM_HEADER,
					(topic + "-" + partition + "@" + offset).getBytes(StandardCharsets.UTF_8)));
		try {
			this.kafka.send(again).get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeadLetterUnavailableException("interrupted while redriving", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new DeadLetterUnavailableException("the broker did not take the redriven record", ex);
		}
		this.meters.counter("shopflow.messages.redriven", "topic", target).increment();
		log.warn("AUDIT dead letter {}-{}@{} ({} of key {}) redriven to {} by {}", topic, partition, offset,
				letter.type(), record.key(), target, caller);
		return Optional.of(letter);
	}

	private Optional<ConsumerRecord<String, String>> record(String topic, int partition, long offset) {
		if (!topics().contains(topic) || partition < 0 || offset < 0) {
			return Optional.empty();
		}
		try (Consumer<String, String> consumer = consumer()) {
			TopicPartition tp = new TopicPartition(topic, partition);
			if (!partitions(consumer, topic).contains(tp)) {
				return Optional.empty();
			}
			Map<TopicPartition, Long> ends = consumer.endOffsets(List.of(tp));
			if (offset < consumer.beginningOffsets(List.of(tp)).get(tp) || offset >= ends.get(tp)) {
				return Optional.empty();
			}
			return read(consumer, Map.of(tp, offset), Map.of(tp, offset + 1)).stream()
				.filter((record) -> record.offset() == offset)
				.findFirst();
		}
		catch (KafkaException ex) {
			throw new DeadLetterUnavailableException("the dead-letter topic could not be read", ex);
		}
	}

	private List<ConsumerRecord<String, String>> read(Consumer<String, String> consumer, Map<TopicPartition, Long> from,
			Map<TopicPartition, Long> ends) {
		List<TopicPartition> wanted = from.keySet()
			.stream()
			.filter((partition) -> from.get(partition) < ends.get(partition))
			.toList();
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		if (wanted.isEmpty()) {
			return records;
		}
		consumer.assign(wanted);
		wanted.forEach((partition) -> consumer.seek(partition, from.get(partition)));
		long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
		while (wanted.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
			if (System.nanoTime() > deadline) {
				throw new DeadLetterUnavailableException("the dead-letter topics could not be read in time", null);
			}
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
					records.add(record);
				}
			}
		}
		return records;
	}

	private static List<TopicPartition> partitions(Consumer<String, String> consumer, String topic) {
		List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
		return (infos == null) ? List.of()
				: infos.stream().map((info) -> new TopicPartition(topic, info.partition())).toList();
	}

	private Consumer<String, String> consumer() {
		Properties overrides = new Properties();
		overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
		overrides.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
		// assigned partitions only: the group id is never joined and nothing is committed
		return this.consumers.createConsumer("shopflow-dead-letter-reader", null, "-dead-letters", overrides);
	}

}
