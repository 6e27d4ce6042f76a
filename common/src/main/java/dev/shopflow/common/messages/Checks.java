package dev.shopflow.common.messages;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Argument checks shared by the message records, so that a bad message never decodes. */
final class Checks {

	private Checks() {
	}

	static void envelope(UUID messageId, Instant occurredAt, UUID orderId) {
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(orderId, "orderId");
	}

	static <T> T required(T value, String name) {
		return Objects.requireNonNull(value, name);
	}

	static String transactionId(String value) {
		if (!TransactionIds.isValid(value)) {
			throw new IllegalArgumentException("transactionId must be 1 to 64 of A-Z a-z 0-9 - . _ ~ : @");
		}
		return value;
	}

	static <T> List<T> nonEmpty(List<T> value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
		return List.copyOf(value);
	}

	static int positive(int value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return value;
	}

	static long positive(long value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return value;
	}

}
