package dev.shopflow.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import dev.shopflow.common.Topics;
import dev.shopflow.common.messages.OrderRejected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transactional outbox of a service, checked against its real database and the real
 * broker: a message stored in a committed transaction is published, one stored in a
 * rolled-back transaction never is. Also: the service's OpenAPI document is the committed
 * one ({@link CommittedOpenApi}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MessagingContract extends ServiceContract {

	private TestMessaging messaging;

	@Autowired
	private TransactionTemplate transactions;

	/**
	 * The service's outbox; a method rather than a field so that this module does not
	 * depend on service-defaults.
	 * @param message the message
	 */
	protected abstract void addToOutbox(dev.shopflow.common.messages.Message message);

	@BeforeAll
	void watchOrderEvents() {
		this.messaging = new TestMessaging(Infrastructure.kafka().getBootstrapServers(), Topics.ORDER_EVENTS);
	}

	@AfterAll
	void stopWatching() {
		this.messaging.close();
	}

	@Override
	protected String bearerToken() {
		return TestTokens.admin();
	}

	@Test
	void refusesMissingOrBadTokensWithUnauthorizedProblem() throws Exception {
		HttpRequest.Builder noToken = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/private"));
		assertProblem(send(noToken.GET().build()), 401);
		for (String token : List.of(TestTokens.expired("alice"), TestTokens.signedByStranger("alice"), "not-a-jwt",
				"eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSIsInJvbGVzIjpbImFkbWluIl19.")) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/private"))
				.header("Authorization", "Bearer " + token)
				.GET()
				.build();
			assertProblem(send(request), 401);
		}
	}

	/**
	 * A path whose {@code POST} reads a JSON body before anything else refuses it (method
	 * security runs after the body is read).
	 * @return the path, e.g. {@code /api/products}
	 */
	protected abstract String jsonBodyPath();

	@Test
	void refusesABodyOverItsLimitWithAProblemDeclaredOrStreamed() throws Exception {
		assertRefusesOversizedBodies(jsonBodyPath());
	}

	@Test
	void documentsItsApiAsOpenApi() throws Exception {
		HttpResponse<String> response = send(request("/v3/api-docs").GET().build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).path("paths").propertyNames())
			.anyMatch((path) -> path.startsWith("/api/"));
		CommittedOpenApi.assertMatches(response.body());
	}

	@Test
	void publishesOutboxMessagesOfCommittedTransactionsOnly() {
		UUID committed = UUID.randomUUID();
		UUID rolledBack = UUID.randomUUID();

		this.transactions
			.executeWithoutResult((status) -> addToOutbox(OrderRejected.of(committed, null, "alice", "TIMEOUT")));
		this.transactions.executeWithoutResult((status) -> {
			addToOutbox(OrderRejected.of(rolledBack, null, "alice", "TIMEOUT"));
			status.setRollbackOnly();
		});

		OrderRejected published = this.messaging.awaitMessage(OrderRejected.class, committed);
		assertThat(published.reason()).isEqualTo("TIMEOUT");
		UUID marker = UUID.randomUUID();
		this.transactions
			.executeWithoutResult((status) -> addToOutbox(OrderRejected.of(marker, null, "alice", "TIMEOUT")));
		// the outbox is published in id order: once a later message arrived, the
		// rolled-back one never will
		this.messaging.awaitMessage(OrderRejected.class, marker);
		List<OrderRejected> never = this.messaging.received(OrderRejected.class, rolledBack);
		assertThat(never).isEmpty();
	}

}
