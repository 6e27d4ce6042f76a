package dev.shopflow.order.order;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=10}): how many seconds the
 * client would wait for an answer. Other preferences, and a malformed {@code wait}, are
 * ignored, as the RFC asks of a server that does not understand them.
 */
final class WaitPreference {

	static final String PREFER = "Prefer";

	static final String PREFERENCE_APPLIED = "Preference-Applied";

	private WaitPreference() {
	}

	/**
	 * Finds the wait preference.
	 * @param prefer the values of the request's {@code Prefer} headers (split at commas),
	 * or {@code null}
	 * @param max the longest wait the server grants
	 * @return the wait, at most {@code max}, if the client asked for a positive one
	 */
	static Optional<Duration> of(List<String> prefer, Duration max) {
		return of(prefer).map((asked) -> (asked.compareTo(max) > 0) ? max : asked);
	}

	private static Optional<Duration> of(List<String> prefer) {
		if (prefer == null) {
			return Optional.empty();
		}
		for (String value : prefer) {
			for (String preference : value.split(",")) {
				// a preference may carry parameters after ';'; wait takes none
				String[] nameAndValue = preference.split(";", 2)[0].split("=", 2);
				if (nameAndValue.length == 2 && nameAndValue[0].strip().toLowerCase(Locale.ROOT).equals("wait")) {
					return seconds(nameAndValue[1].strip());
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<Duration> seconds(String value) {
		String digits = (value.length() > 1 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
		if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
			return Optional.empty();
		}
		long seconds = Long.parseLong(digits);
		return (seconds > 0) ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
	}

}
