package dev.shopflow.payment;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads of the {@code payment} table for assertions.
 *
 * @param jdbc the service's database
 */
public record PaymentRows(JdbcClient jdbc) {

	public String status(String transactionId) {
		return column("status", String.class, transactionId);
	}

	public int attempts(String transactionId) {
		return column("attempts", Integer.class, transactionId);
	}

	private <T> T column(String column, Class<T> type, String transactionId) {
		return this.jdbc.sql("SELECT " + column + " FROM payment WHERE transaction_id = ?")
			.param(transactionId)
			.query(type)
			.single();
	}

}
