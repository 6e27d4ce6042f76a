package dev.shopflow.order.order;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitPreferenceTests {

	private static final Duration MAX = Duration.ofSeconds(20);

	@Test
	void readsWaitAmongOtherPreferencesAndCapsItAtTheMaximum() {
		assertThat(WaitPreference.of(List.of("respond-async", " WAIT=5"), MAX)).hasValue(Duration.ofSeconds(5));
		assertThat(WaitPreference.of(List.of("wait=\"7\";x=y"), MAX)).hasValue(Duration.ofSeconds(7));
		assertThat(WaitPreference.of(List.of("wait=3600"), MAX)).hasValue(MAX);
	}

	@Test
	void ignoresMissingAndMalformedWaits() {
		assertThat(WaitPreference.of(null, MAX)).isEmpty();
		for (String malformed : List.of("wait", "wait=", "wait=0", "wait=-1", "wait=soon", "wait=9999999999",
				"return=minimal")) {
			assertThat(WaitPreference.of(List.of(malformed), MAX)).as(malformed).isEmpty();
		}
	}

}
