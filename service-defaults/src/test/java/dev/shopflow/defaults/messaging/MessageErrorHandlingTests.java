package dev.shopflow.defaults.messaging;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import dev.shopflow.common.UnreadableMessageException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

class MessageErrorHandlingTests {

	@Test
	void infrastructureFailuresAreTransientWhereverTheyAreInTheCauseChain() {
		assertThat(MessageErrorHandling.isTransient(wrapped(new CannotGetJdbcConnectionException("down")))).isTrue();
		assertThat(MessageErrorHandling
			.isTransient(wrapped(new CannotCreateTransactionException("no connection", new IOException("refused")))))
			.isTrue();
		assertThat(MessageErrorHandling.isTransient(wrapped(new DataAccessResourceFailureException("lost")))).isTrue();
		assertThat(MessageErrorHandling.isTransient(wrapped(new NotLeaderOrFollowerException("moving")))).isTrue();
		assertThat(MessageErrorHandling.isTransient(wrapped(new RuntimeException(new TimeoutException())))).isTrue();
	}

	@Test
	void aPostgresStateOfUnavailabilityOrConflictIsTransient() {
		// what the driver throws when a database refuses connections or a backend is
		// terminated: plain SQLExceptions distinguished only by their state
		assertThat(MessageErrorHandling.isTransient(wrapped(sql("57P01")))).isTrue();
		assertThat(MessageErrorHandling.isTransient(wrapped(sql("08006")))).isTrue();
		assertThat(MessageErrorHandling.isTransient(wrapped(sql("40001")))).isTrue();
		assertThat(MessageErrorHandling.isTransient(wrapped(sql("53300")))).isTrue();
		assertThat(MessageErrorHandling.isTransient(wrapped(sql("23505")))).isFalse();
	}

	@Test
	void aPoisonCauseWinsOverATransientOne() {
		UnreadableMessageException unreadable = new UnreadableMessageException("not JSON", new IOException("eof"));
		assertThat(MessageErrorHandling.isTransient(wrapped(unreadable))).isFalse();
		assertThat(MessageErrorHandling.isPoison(wrapped(unreadable))).isTrue();
	}

	@Test
	void aBugIsNeitherTransientNorPoison() {
		RuntimeException bug = wrapped(new DataIntegrityViolationException("duplicate key"));
		assertThat(MessageErrorHandling.isTransient(bug)).isFalse();
		assertThat(MessageErrorHandling.isPoison(bug)).isFalse();
		assertThat(MessageErrorHandling.isTransient(wrapped(new IllegalStateException("bug")))).isFalse();
	}

	private static RuntimeException wrapped(Throwable cause) {
		return new ListenerExecutionFailedException("listener failed", cause);
	}

	private static SQLException sql(String state) {
		return new SQLException("state " + state, state);
	}

}
