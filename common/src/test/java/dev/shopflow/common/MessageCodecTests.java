package dev.shopflow.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.shopflow.common.messages.ChargePayment;
import dev.shopflow.common.messages.Message;
import dev.shopflow.common.messages.ReserveStock;
import dev.shopflow.common.messages.StockLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MessageCodecTests {

	private final MessageCodec codec = new MessageCodec();

	static List<String> typeIds() {
		return List.copyOf(MessageCodec.typeIds().values());
	}

	@ParameterizedTest
	@MethodSource("typeIds")
	void goldenSampleOfEveryTypeStillDecodes(String typeId) throws IOException {
		String json = sample(typeId);

		Message message = this.codec.decode(json);

		assertThat(MessageCodec.typeOf(message)).isEqualTo(typeId);
		assertThat(message.orderId()).isEqualTo(UUID.fromString("8d2f1f9e-5a8c-4a59-9a51-3c1f0e8b2a11"));
		assertThat(message.messageId()).isNotNull();
		assertThat(message.occurredAt()).isNotNull();
		assertThat(this.codec.decode(this.codec.encode(message))).isEqualTo(message);
	}

	@Test
	void writesLogicalTypeIdNotClassName() {
		String json = this.codec.encode(ReserveStock.of(UUID.randomUUID(), null, List.of(new StockLine("MUG-001", 2))));

		assertThat(json).contains("\"type\":\"inventory.ReserveStock.v1\"").doesNotContain("dev.shopflow");
	}

	@Test
	void ignoresUnknownFields() throws IOException {
		String json = sample("inventory.CommitStock.v1").replace("{\"type\"", "{\"addedLater\":42,\"type\"");

		assertThat(this.codec.decode(json).orderId()).isNotNull();
	}

	@Test
	void rejectsUnknownTypeOrVersion() throws IOException {
		String json = sample("inventory.CommitStock.v1").replace(".v1\"", ".v9\"");

		assertThatExceptionOfType(UnreadableMessageException.class).isThrownBy(() -> this.codec.decode(json));
	}

	@Test
	void rejectsMissingRequiredField() throws IOException {
		String json = sample("inventory.CommitStock.v1").replaceAll("\"orderId\":\"[^\"]+\",", "");

		assertThatExceptionOfType(UnreadableMessageException.class).isThrownBy(() -> this.codec.decode(json));
	}

	@Test
	void rejectsChargeWhoseTransactionIdCannotStandInAPathSegment() throws IOException {
		for (String transactionId : new String[] { "order 1", "order/1", "order?1", "", "x".repeat(65) }) {
			String json = sample("payment.ChargePayment.v1").replace("order-8d2f1f9e-5a8c-4a59-9a51-3c1f0e8b2a11",
					transactionId);
			assertThatExceptionOfType(UnreadableMessageException.class).as(transactionId)
				.isThrownBy(() -> this.codec.decode(json));
		}
	}

	@Test
	void rejectsMalformedJson() {
		assertThatExceptionOfType(UnreadableMessageException.class).isThrownBy(() -> this.codec.decode("{not json"));
		assertThatExceptionOfType(UnreadableMessageException.class).isThrownBy(() -> this.codec.decode((String) null));
	}

	@Test
	void neverPrintsThePaymentToken() {
		ChargePayment charge = ChargePayment.of(UUID.randomUUID(), null, "tx-1", "alice", 100, "EUR", "tok_ok_secret");

		assertThat(charge.toString()).doesNotContain("tok_ok_secret");
	}

	private static String sample(String typeId) throws IOException {
		try (InputStream in = MessageCodecTests.class.getResourceAsStream("/samples/" + typeId + ".json")) {
			assertThat(in).as("golden sample for %s", typeId).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
