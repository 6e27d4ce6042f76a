package dev.shopflow.order.saga;

import java.util.List;
import java.util.UUID;

import dev.shopflow.common.MessageCodec;
import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.defaults.messaging.MessageReceiver;
import dev.shopflow.order.OrderApi;
import dev.shopflow.order.OrderServiceTest;
import dev.shopflow.order.Participants;
import dev.shopflow.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.listener.BatchListenerFailedException;

import static dev.shopflow.order.OrderApi.orderBody;
import static dev.shopflow.order.OrderApi.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A poll's replies are handled in one transaction, and a poll with a bad record costs
 * only that record: the ones before it are handled, it is reported to the error handler
 * (which dead-letters it), and the ones after it are left for redelivery. Calls the
 * listener's receiver directly with the records a poll would carry.
 */
@OrderServiceTest
class ReplyBatchIntegrationTests {

	private final Participants participants = Participants.onSharedBroker();

	private final String token = TestTokens.customer("batch-" + UUID.randomUUID());

	@LocalServerPort
	private int port;

	@Autowired
	private MessageReceiver receiver;

	@Autowired
	private OrderSaga saga;

	@Autowired
	private MessageCodec codec;

	private OrderApi api;

	@BeforeEach
	void setUp() {
		this.api = new OrderApi(this.port);
	}

	@Test
	void handlesAPollOfRepliesTogetherAndEachMessageOnce() {
		UUID first = placed();
		UUID second = placed();
		String rejection = reply(StockRejected.of(first, null, StockRejected.OUT_OF_STOCK, "X"));

		this.receiver.receiveAllOnce(SagaReplyListener.CONSUMER,
				List.of(record(0, rejection), record(1, rejection),
						record(2, reply(StockRejected.of(second, null, StockRejected.UNKNOWN_SKU, "Y")))),
				Message.class, this.saga::handle);

		assertThat(this.api.order(this.token, first).path("failureReason").asString()).isEqualTo("OUT_OF_STOCK");
		assertThat(this.api.order(this.token, second).path("failureReason").asString()).isEqualTo("UNKNOWN_SKU");
		assertThat(this.api.timelineSteps(this.token, first)).containsOnlyOnce("STOCK_REJECTED");
	}

	@Test
	void reportsTheFirstBadRecordAfterHandlingTheOnesBeforeIt() {
		UUID before = placed();
		UUID after = placed();
		ConsumerRecord<String, String> bad = record(1, "{not json");

		BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
				() -> this.receiver.receiveAllOnce(SagaReplyListener.CONSUMER,
						List.of(record(0, reply(StockRejected.of(before, null, StockRejected.OUT_OF_STOCK, "X"))), bad,
								record(2, reply(StockRejected.of(after, null, StockRejected.OUT_OF_STOCK, "Y")))),
						Message.class, this.saga::handle));

		assertThat(failure.getRecord()).isSameAs(bad);
		assertThat(this.api.order(this.token, before).path("status").asString()).isEqualTo("REJECTED");
		assertThat(this.api.order(this.token, after).path("status").asString()).isEqualTo("PENDING");
	}

	private UUID placed() {
		UUID orderId = this.api.placeAccepted(this.token, orderBody("tok_ok", sku(), 1));
		this.participants.await(ReserveStock.class, orderId);
		return orderId;
	}

	private String reply(Message message) {
		return this.codec.encode(message);
	}

	private static ConsumerRecord<String, String> record(long offset, String value) {
		return new ConsumerRecord<>(Topics.INVENTORY_REPLIES, 0, offset, "key", value);
	}

}
