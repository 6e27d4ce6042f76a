package dev.shopflow.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * What the chaos run looks up after the load, besides the books ({@link BookAudit}):
 * decisions that came late, dead letters, and why orders did not end well.
 */
final class ChaosFindings {

	private ChaosFindings() {
	}

	/**
	 * Orders decided more than 10 s after their deadline (the sweeper runs every second).
	 */
	static long lateDecisions(String orderDb, String user) throws Exception {
		try (Connection connection = JdbcUrls.connect(orderDb, user);
				Statement statement = connection.createStatement()) {
			ResultSet rows = statement.executeQuery("""
					SELECT count(*) FROM orders o
					WHERE (SELECT min(t.at) FROM order_timeline t WHERE t.order_id = o.id
					       AND t.step IN ('ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED'))
					      > o.deadline + interval '10 seconds'""");
			rows.next();
			return rows.getLong(1);
		}
	}

	/**
	 * For the first order of each spell that did not end well: why its placements were
	 * resent and its saga's timeline, so that a failed run (on CI, whose logs are gone)
	 * can be read from its output.
	 */
	static void explainNotGood(ChaosReport report, String orderDb, String user) throws Exception {
		try (Connection connection = JdbcUrls.connect(orderDb, user);
				PreparedStatement timeline = connection.prepareStatement(
						"SELECT at, step, detail FROM order_timeline WHERE order_id = ?::uuid ORDER BY id")) {
			for (ChaosReport.Window window : report.windows().subList(1, report.windows().size())) {
				ChaosOrder order = window.orders().stream().filter((each) -> !each.good()).findFirst().orElse(null);
				if (order == null) {
					continue;
				}
				System.out.printf("Not good after %s: %s placed %s, %d attempt(s), resent because %s%n", window.name(),
						order.outcome(), order.firstAttempt, order.attempts, order.resentBecause);
				if (order.orderId != null) {
					timeline.setString(1, order.orderId);
					try (ResultSet rows = timeline.executeQuery()) {
						while (rows.next()) {
							System.out.printf("    %s %s %s%n", rows.getTimestamp(1).toInstant(), rows.getString(2),
									rows.getString(3));
						}
					}
				}
			}
		}
	}

	/**
	 * Dead letters of every service, asked for through the gateway as an operator would.
	 */
	static long deadLetters(ShopClient shop, String gateway, String admin) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long total = 0;
		for (String service : ChaosFaults.SERVICES) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create(gateway + "/api/admin/" + service + "/dead-letters?limit=1000"))
					.header("Authorization", "Bearer " + admin)
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Dead letters of " + service + ": " + response.statusCode());
			}
			JsonNode letters = ShopClient.JSON.readTree(response.body()).path("deadLetters");
			for (JsonNode letter : letters) {
				System.out.println("  dead letter of " + service + ": " + letter);
			}
			total += letters.size();
		}
		return total;
	}

}
