package dev.shopflow.payment.payment;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.shopflow.testsupport.MigratedDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The schema's constraints: payments of every status written under the first schema
 * migrate to the latest one, which refuses what the code never writes.
 */
class PaymentSchemaIntegrationTests {

	@Test
	void migratesExistingPaymentsOfEveryStatusAndRefusesWhatTheCodeNeverWrites() {
		MigratedDatabase database = MigratedDatabase.create("payment_schema").migrateTo("1");
		JdbcClient jdbc = database.jdbc();
		// every status the code wrote under V1 (FAILED came with V2)
		List<PaymentStatus> firstStatuses = Arrays.stream(PaymentStatus.values())
			.filter((status) -> status != PaymentStatus.FAILED)
			.toList();
		for (PaymentStatus status : firstStatuses) {
			insert(jdbc, "tx-" + UUID.randomUUID(), status.name(), 2);
		}

		database.migrateTo("latest");

		assertThat(jdbc.sql("SELECT count(*) FROM payment").query(Long.class).single()).isEqualTo(firstStatuses.size());
		insert(jdbc, "tx-" + UUID.randomUUID(), PaymentStatus.FAILED.name(), 3);
		insert(jdbc, "tx-" + UUID.randomUUID(), PaymentStatus.PENDING.name(), 0);
		assertRefused(() -> insert(jdbc, "tx-" + UUID.randomUUID(), "LOST", 0));
		assertRefused(() -> insert(jdbc, "tx-" + UUID.randomUUID(), PaymentStatus.PENDING.name(), -1));
		assertRefused(() -> insert(jdbc, "", PaymentStatus.PENDING.name(), 0));
	}

	private static void insert(JdbcClient jdbc, String transactionId, String status, int attempts) {
		jdbc.sql("""
				INSERT INTO payment (transaction_id, order_id, amount_minor, currency, status, token_fingerprint,
				    attempts)
				VALUES (?, ?, 100, 'EUR', ?, 'fingerprint', ?)""")
			.params(transactionId, UUID.randomUUID(), status, attempts)
			.update();
	}

	private static void assertRefused(Runnable write) {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(write::run);
	}

}
