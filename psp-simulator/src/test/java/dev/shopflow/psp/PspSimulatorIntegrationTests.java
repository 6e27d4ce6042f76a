package dev.shopflow.psp;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.shopflow.testsupport.ServiceContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"shopflow.psp.timeout-hold=2s", "shopflow.psp.admin.token=" + PspSimulatorIntegrationTests.TOKEN })
class PspSimulatorIntegrationTests extends ServiceContract {

	static final String TOKEN = "integration-admin-token";

	@AfterEach
	void noFaults() throws Exception {
		putFaults("{}");
	}

	@Test
	void refusesAChargeBodyOverItsLimitWithAProblemDeclaredOrStreamed() throws Exception {
		assertRefusesOversizedBodies("/v1/charges");
	}

	@Test
	void chargesOnceForConcurrentRequestsWithTheSameIdempotencyKey() throws Exception {
		String key = UUID.randomUUID().toString();
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			calls.add(() -> charge(key, 1999, "tok_ok_visa"));
		}
		List<String> ids = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(20)) {
			for (Future<HttpResponse<String>> answer : executor.invokeAll(calls)) {
				assertThat(answer.get().statusCode()).isEqualTo(201);
				ids.add(JSON.readTree(answer.get().body()).path("id").asString());
			}
		}

		assertThat(ids).hasSize(20).containsOnly(ids.get(0));
		JsonNode charges = chargesOf(key);
		assertThat(charges.size()).isEqualTo(1);
		assertThat(charges.get(0).path("status").asString()).isEqualTo("succeeded");
		assertThat(charges.get(0).path("idempotencyKey").asString()).isEqualTo(key);
	}

	@Test
	void keepsTheProviderApiOpenAndTheAdminEndpointsBehindTheAdminToken() throws Exception {
		String key = UUID.randomUUID().toString();
		assertThat(charge(key, 100, "tok_ok").statusCode()).isEqualTo(201);
		assertThat(chargesOf(key).size()).isEqualTo(1);

		HttpResponse<String> faults = send(request("/admin/faults").header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString("{\"errorRate\":1}"))
			.build());
		assertThat(assertProblem(faults, 401).path("type").asString())
			.isEqualTo("https://shopflow.dev/problems/unauthorized");
		assertProblem(
				send(request("/admin/charges").header("Authorization", "Bearer " + TOKEN + "-not").DELETE().build()),
				401);
		assertThat(charge(UUID.randomUUID().toString(), 100, "tok_ok").statusCode()).isEqualTo(201);
		assertThat(chargesOf(key).size()).isEqualTo(1);
	}

	@Test
	void letsTheTokenDecideTheOutcome() throws Exception {
		assertThat(body(charge(UUID.randomUUID().toString(), 100, "tok_ok_1")).path("status").asString())
			.isEqualTo("succeeded");
		JsonNode declined = body(charge(UUID.randomUUID().toString(), 100, "tok_decline_1"));
		assertThat(declined.path("status").asString()).isEqualTo("declined");
		assertThat(declined.path("declineCode").asString()).isEqualTo("card_declined");
		JsonNode funds = body(charge(UUID.randomUUID().toString(), 100, "tok_funds_1"));
		assertThat(funds.path("declineCode").asString()).isEqualTo("insufficient_funds");
	}

	@Test
	void refusesAnIdempotencyKeyReusedForAnotherAmount() throws Exception {
		String key = UUID.randomUUID().toString();
		assertThat(charge(key, 100, "tok_ok").statusCode()).isEqualTo(201);

		assertProblem(charge(key, 200, "tok_ok"), 422);
		assertThat(chargesOf(key).size()).isEqualTo(1);
	}

	@Test
	void refundsOnce() throws Exception {
		String key = UUID.randomUUID().toString();
		String chargeId = body(charge(key, 500, "tok_ok")).path("id").asString();

		for (int i = 0; i < 2; i++) {
			HttpResponse<String> refund = post("/v1/refunds", "{\"chargeId\":\"" + chargeId + "\"}", null);
			assertThat(refund.statusCode()).isEqualTo(200);
			assertThat(body(refund).path("refunded").asBoolean()).isTrue();
		}
		assertThat(chargesOf(key).get(0).path("refunded").asBoolean()).isTrue();
		assertProblem(post("/v1/refunds", "{\"chargeId\":\"ch_nope\"}", null), 404);
	}

	@Test
	void failsTheNextCallsBeforeChargingWhenAsked() throws Exception {
		putFaults("{\"failNextCalls\":2}");
		String key = UUID.randomUUID().toString();

		assertProblem(charge(key, 100, "tok_ok"), 503);
		assertProblem(charge(key, 100, "tok_ok"), 503);
		assertThat(chargesOf(key).size()).isZero();
		assertThat(charge(key, 100, "tok_ok").statusCode()).isEqualTo(201);
		assertThat(chargesOf(key).size()).isEqualTo(1);
		JsonNode stats = body(send(admin("/admin/stats?idempotencyKey=" + key).GET().build()));
		assertThat(stats.path("chargeCallsForKey").asLong()).isEqualTo(3);
	}

	@Test
	void recordsTheChargeAndThenFailsWhenAsked() throws Exception {
		putFaults("{\"failAfterChargeNextCalls\":1}");
		String key = UUID.randomUUID().toString();

		assertProblem(charge(key, 100, "tok_ok"), 500);
		assertThat(chargesOf(key).size()).isEqualTo(1);
		HttpResponse<String> replay = charge(key, 100, "tok_ok");
		assertThat(replay.statusCode()).isEqualTo(201);
		assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(chargesOf(key).size()).isEqualTo(1);
	}

	@Test
	void declinesWith402OrRefusesWithAnother4xxWhenAskedWithoutCharging() throws Exception {
		putFaults("{\"clientErrorStatus\":402,\"clientErrorNextCalls\":1}");
		String key = UUID.randomUUID().toString();

		HttpResponse<String> declined = charge(key, 100, "tok_ok");
		assertProblem(declined, 402);
		assertThat(body(declined).path("declineCode").asString()).isEqualTo("card_declined");
		putFaults("{\"clientErrorStatus\":400,\"clientErrorNextCalls\":1}");
		assertProblem(charge(key, 100, "tok_ok"), 400);
		assertThat(chargesOf(key).size()).isZero();
		assertThat(charge(key, 100, "tok_ok").statusCode()).isEqualTo(201);
	}

	@Test
	void holdsTheNextCallsWhenAskedWithoutCharging() throws Exception {
		putFaults("{\"timeoutNextCalls\":1}");
		String key = UUID.randomUUID().toString();
		HttpRequest request = request("/v1/charges").header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.timeout(Duration.ofMillis(300))
			.POST(BodyPublishers.ofString(
					"{\"amountMinor\":100,\"currency\":\"EUR\",\"token\":\"tok_ok\",\"reference\":\"" + key + "\"}"))
			.build();

		assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(() -> send(request));
		assertThat(chargesOf(key).size()).isZero();
		assertThat(charge(key, 100, "tok_ok").statusCode()).isEqualTo(201);
	}

	@Test
	void rejectsFaultRatesOutsideZeroToOne() throws Exception {
		HttpResponse<String> response = send(admin("/admin/faults").header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString("{\"errorRate\":2}"))
			.build());

		assertProblem(response, 400);
	}

	private HttpResponse<String> charge(String key, long amountMinor, String token) throws Exception {
		return post("/v1/charges", "{\"amountMinor\":" + amountMinor + ",\"currency\":\"EUR\",\"token\":\"" + token
				+ "\",\"reference\":\"" + key + "\"}", key);
	}

	private HttpResponse<String> post(String path, String json, String idempotencyKey) throws Exception {
		var builder = request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
		if (idempotencyKey != null) {
			builder.header("Idempotency-Key", idempotencyKey);
		}
		return send(builder.build());
	}

	private HttpRequest.Builder admin(String path) {
		return request(path).header("Authorization", "Bearer " + TOKEN);
	}

	private void putFaults(String json) throws Exception {
		HttpResponse<String> response = send(admin("/admin/faults").header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(json))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private JsonNode chargesOf(String reference) throws Exception {
		return body(send(request("/v1/charges?reference=" + reference).GET().build())).path("items");
	}

	private static JsonNode body(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
