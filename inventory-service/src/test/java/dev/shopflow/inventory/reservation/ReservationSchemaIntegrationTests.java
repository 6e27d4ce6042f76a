package dev.shopflow.inventory.reservation;

import java.util.UUID;

import dev.shopflow.common.messages.StockRejected;
import dev.shopflow.testsupport.MigratedDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The schema's constraints: reservations of every status and reason written under the
 * first schema migrate to the latest one, which refuses what the code never writes.
 */
class ReservationSchemaIntegrationTests {

	@Test
	void migratesExistingReservationsOfEveryKindAndRefusesUnknownStatusesAndReasons() {
		MigratedDatabase database = MigratedDatabase.create("inventory_schema").migrateTo("1");
		JdbcClient jdbc = database.jdbc();
		for (Reservation.Status status : Reservation.Status.values()) {
			if (status != Reservation.Status.REJECTED) {
				insert(jdbc, status.name(), null);
			}
		}
		insert(jdbc, "REJECTED", StockRejected.OUT_OF_STOCK);
		insert(jdbc, "REJECTED", StockRejected.UNKNOWN_SKU);

		database.migrateTo("latest");

		assertThat(jdbc.sql("SELECT count(*) FROM reservation").query(Long.class).single())
			.isEqualTo(Reservation.Status.values().length + 1);
		insert(jdbc, "REJECTED", StockRejected.UNKNOWN_SKU);
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insert(jdbc, "REJECTED", "TOO_EXPENSIVE"));
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> insert(jdbc, "LOST", null));
	}

	private static void insert(JdbcClient jdbc, String status, String reason) {
		jdbc.sql("INSERT INTO reservation (order_id, status, reject_reason, reject_sku) VALUES (?, ?, ?, ?)")
			.params(UUID.randomUUID(), status, reason, (reason != null) ? "APPLE" : null)
			.update();
	}

}
