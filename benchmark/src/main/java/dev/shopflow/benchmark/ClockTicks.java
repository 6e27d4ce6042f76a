package dev.shopflow.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}; 100 on
 * nearly every Linux).
 */
final class ClockTicks {

	private static final long PER_SECOND = read();

	private ClockTicks() {
	}

	static long perSecond() {
		return PER_SECOND;
	}

	static double toMillis(long ticks) {
		return ticks * 1000.0 / PER_SECOND;
	}

	private static long read() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String output = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (getconf.waitFor() == 0) {
				return Long.parseLong(output);
			}
		}
		catch (IOException | RuntimeException ex) {
			// no getconf: assume the usual value
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return 100;
	}

}
