package dev.shopflow.inventory.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockLine;
import dev.shopflow.common.messages.StockReserved;
import dev.shopflow.inventory.InventoryFixtures;
import dev.shopflow.inventory.InventoryFixtures.Stock;
import dev.shopflow.testsupport.Infrastructure;
import dev.shopflow.testsupport.ShopflowIntegrationTest;
import dev.shopflow.testsupport.TestMessaging;
import dev.shopflow.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;

import static dev.shopflow.testsupport.ServiceContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operators' dead-letter endpoints against the real broker: a poison command shows up
 * with its origin and reason; a command dead-lettered by an earlier failure is redriven,
 * handled once however often it is redriven; only admins get in; bad input is a problem.
 */
@ShopflowIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterApiIntegrationTests {

	private static final String BASE = "/api/admin/inventory-service/dead-letters";

	private static final String DEAD_LETTERS = Topics.deadLetter(Topics.INVENTORY_COMMANDS);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	private TestMessaging messaging;

	@BeforeAll
	void watchReplies() {
		this.messaging = new TestMessaging(Infrastructure.kafka().getBootstrapServers(), Topics.INVENTORY_REPLIES);
	}

	@AfterAll
	void stopWatching() {
		this.messaging.close();
	}

	@Test
	void listsAPoisonCommandWithWhereItCameFromAndWhyItFailed() {
		String key = UUID.randomUUID().toString();
		this.messaging.sendRaw(Topics.INVENTORY_COMMANDS, key, "{ not json at all");

		JsonNode letter = await().atMost(30, TimeUnit.SECONDS).until(() -> letterWithKey(key), (node) -> node != null);

		assertThat(letter.path("topic").asString()).isEqualTo(DEAD_LETTERS);
		assertThat(letter.path("originalTopic").asString()).isEqualTo(Topics.INVENTORY_COMMANDS);
		assertThat(letter.path("originalOffset").isNumber()).isTrue();
		assertThat(letter.path("exception").asString()).isNotBlank();
		assertThat(letter.path("payload").asString()).isEqualTo("{ not json at all");
		HttpResponse<String> one = get(BASE + "/" + DEAD_LETTERS + "/" + letter.path("partition").asInt() + "/"
				+ letter.path("offset").asLong(), TestTokens.admin());
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(one.body()).path("key").asString()).isEqualTo(key);
	}

	@Test
	void redrivesADeadLetteredCommandWhichIsHandledOnceHoweverOftenItIsRedriven() throws Exception {
		InventoryFixtures fixtures = new InventoryFixtures(this.jdbc);
		String sku = fixtures.product("DLT", 400, 10);
		UUID order = UUID.randomUUID();
		// a command an earlier failure dead-lettered, as Spring Kafka's recoverer writes
		// it
		deadLetter(order, new MessageCodec().encode(ReserveStock.of(order, null, List.of(new StockLine(sku, 3)))));
		JsonNode letter = await().atMost(30, TimeUnit.SECONDS)
			.until(() -> letterWithKey(order.toString()), (node) -> node != null);
		assertThat(fixtures.stock(sku)).isEqualTo(new Stock(10, 0, 0));
		String redrive = BASE + "/" + DEAD_LETTERS + "/" + letter.path("partition").asInt() + "/"
				+ letter.path("offset").asLong() + "/redrive";
		double before = redriven();

		HttpResponse<String> first = post(redrive, TestTokens.admin());
		HttpResponse<String> second = post(redrive, TestTokens.admin());

		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		assertThat(second.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(first.body()).path("key").asString()).isEqualTo(order.toString());
		await().atMost(30, TimeUnit.SECONDS)
			.until(() -> this.messaging.received(StockReserved.class, order), (replies) -> !replies.isEmpty());
		assertThat(fixtures.stock(sku)).isEqualTo(new Stock(7, 3, 0));
		assertThat(redriven() - before).isEqualTo(2.0);
		fixtures.assertStockConserved();
	}

	@Test
	void letsOnlyAdminsInAndAnswersBadInputWithProblems() throws Exception {
		assertProblem(get(BASE, null), 401);
		assertProblem(get(BASE, TestTokens.customer("mallory")), 403);
		assertProblem(post(BASE + "/" + DEAD_LETTERS + "/0/0/redrive", TestTokens.customer("mallory")), 403);
		assertProblem(get(BASE + "?limit=0", TestTokens.admin()), 400);
		assertProblem(get(BASE + "?limit=many", TestTokens.admin()), 400);
		assertProblem(get(BASE + "/" + DEAD_LETTERS + "/0/x", TestTokens.admin()), 400);
		assertProblem(get(BASE + "/" + DEAD_LETTERS + "/0/999999999", TestTokens.admin()), 404);
		assertProblem(get(BASE + "/" + DEAD_LETTERS + "/99/0", TestTokens.admin()), 404);
		// another service's dead letters are not this service's to redrive
		assertProblem(
				post(BASE + "/" + Topics.deadLetter(Topics.PAYMENT_COMMANDS) + "/0/0/redrive", TestTokens.admin()),
				404);
		JsonNode listing = JSON.readTree(get(BASE, TestTokens.admin()).body());
		assertThat(listing.path("topics").get(0).asString()).isEqualTo(DEAD_LETTERS);
	}

	private JsonNode letterWithKey(String key) {
		HttpResponse<String> response = get(BASE + "?limit=1000", TestTokens.admin());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		for (JsonNode letter : JSON.readTree(response.body()).path("deadLetters")) {
			if (key.equals(letter.path("key").asString())) {
				return letter;
			}
		}
		return null;
	}

	private void deadLetter(UUID order, String payload) throws Exception {
		java.util.Map<String, Object> config = java.util.Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.kafka().getBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			ProducerRecord<String, String> record = new ProducerRecord<>(DEAD_LETTERS, order.toString(), payload);
			record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, bytes(Topics.INVENTORY_COMMANDS));
			record.headers().add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(0).array());
			record.headers().add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(42).array());
			record.headers()
				.add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes("org.springframework.dao.DataIntegrityViolationException"));
			record.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, bytes("a bug since fixed"));
			record.headers().add("shopflow-type", bytes("ReserveStock"));
			producer.send(record).get(10, TimeUnit.SECONDS);
		}
	}

	private double redriven() {
		var counter = this.meters.find("shopflow.messages.redriven").tag("topic", Topics.INVENTORY_COMMANDS).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private HttpResponse<String> get(String path, String token) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), token);
	}

	private HttpResponse<String> post(String path, String token) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), token);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String token) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
