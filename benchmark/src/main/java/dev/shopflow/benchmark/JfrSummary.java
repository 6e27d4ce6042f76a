package dev.shopflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the JFR recordings of a benchmark run ({@code benchmark/jfr-summary}), one
 * section per service, as Markdown: where the CPU goes (execution samples: the hottest
 * methods by own time, the hottest packages, and the application and library methods most
 * often on the stack), what is allocated most, and the GC pauses.
 *
 * <p>
 * Arguments: {@code <directory of <pid>.jfr files> <results directory>} (its {@code pids}
 * file names the processes; events before its {@code result.json}'s {@code startedAt},
 * i.e. the services' start-up, are left out).
 */
public final class JfrSummary {

	private static final int TOP = 12;

	private JfrSummary() {
	}

	public static void main(String[] args) throws IOException {
		Path directory = Path.of(args[0]);
		Path results = Path.of(args[1]);
		Map<String, Long> pids = ProcessMonitor.readPids(results.resolve("pids"));
		Instant from = Instant.EPOCH;
		if (Files.isRegularFile(results.resolve("result.json"))) {
			from = Instant.parse(ShopClient.JSON.readTree(results.resolve("result.json").toFile())
				.path("settings")
				.path("startedAt")
				.asString());
			System.out.println("Events from " + from + " on (the services' start-up left out).\n");
		}
		Map<Long, String> names = new HashMap<>();
		pids.forEach((name, pid) -> names.put(pid, name));
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".jfr")).sorted().toList()) {
				String pid = file.getFileName().toString().replace(".jfr", "");
				String name = names.getOrDefault(Long.parseLong(pid), "pid " + pid);
				System.out.println(summarise(name, file, from));
			}
		}
	}

	private static String summarise(String name, Path file, Instant from) throws IOException {
		Map<String, Long> selfByMethod = new HashMap<>();
		Map<String, Long> byComponent = new HashMap<>();
		Map<String, Long> totalByMethod = new HashMap<>();
		Map<String, Long> allocationByClass = new HashMap<>();
		long samples = 0;
		long gcCount = 0;
		Duration gcPauses = Duration.ZERO;
		Duration longestPause = Duration.ZERO;
		double cpuSum = 0;
		long cpuCount = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			if (event.getStartTime().isBefore(from)) {
				continue;
			}
			switch (event.getEventType().getName()) {
				case "jdk.ExecutionSample" -> {
					RecordedStackTrace stack = event.getStackTrace();
					if (stack == null || stack.getFrames().isEmpty()) {
						continue;
					}
					samples++;
					RecordedFrame top = stack.getFrames().getFirst();
					increment(selfByMethod, method(top));
					increment(byComponent, component(stack.getFrames()));
					Set<String> seen = new HashSet<>();
					for (RecordedFrame frame : stack.getFrames()) {
						String method = method(frame);
						if (method.startsWith("dev.shopflow.") && !method.contains("$$Lambda") && seen.add(method)) {
							increment(totalByMethod, method);
						}
					}
				}
				case "jdk.ObjectAllocationSample" -> allocationByClass.merge(event.getClass("objectClass").getName(),
						event.getLong("weight"), Long::sum);
				case "jdk.GarbageCollection" -> {
					gcCount++;
					Duration pause = event.getDuration("sumOfPauses");
					gcPauses = gcPauses.plus(pause);
					longestPause = (pause.compareTo(longestPause) > 0) ? pause : longestPause;
				}
				case "jdk.CPULoad" -> {
					cpuSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
					cpuCount++;
				}
				default -> {
				}
			}
		}
		StringBuilder text = new StringBuilder("### ").append(name).append("\n\n");
		text.append(
				"%d execution samples; JVM CPU %.0f %% of the machine on average; %d GCs, %d ms paused in total, longest %d ms\n\n"
					.formatted(samples, (cpuCount > 0) ? cpuSum / cpuCount * 100 : 0, gcCount, gcPauses.toMillis(),
							longestPause.toMillis()));
		table(text, "Hottest methods (own time)", selfByMethod, samples, "%");
		table(text, "CPU by component (JDK frames charged to the library that called them)", byComponent, samples, "%");
		table(text, "Shopflow methods on the stack (total time)", totalByMethod, samples, "%");
		long allocated = allocationByClass.values().stream().mapToLong(Long::longValue).sum();
		table(text, "Allocation by class (sampled weight)", allocationByClass, allocated, "%");
		return text.toString();
	}

	private static final List<String[]> COMPONENTS = List.of(new String[] { "dev.shopflow.", "Shopflow code" },
			new String[] { "org.apache.kafka.", "Kafka client" },
			new String[] { "org.springframework.kafka.", "Spring Kafka" },
			new String[] { "org.postgresql.", "JDBC / PostgreSQL driver" },
			new String[] { "com.zaxxer.hikari.", "JDBC / connection pool" },
			new String[] { "org.springframework.jdbc.", "JDBC / Spring JDBC" },
			new String[] { "org.springframework.transaction.", "Spring transactions" },
			new String[] { "com.nimbusds.", "Security / JWT (Nimbus)" },
			new String[] { "org.springframework.security.", "Security / Spring Security" },
			new String[] { "tools.jackson.", "Jackson" }, new String[] { "com.fasterxml.", "Jackson" },
			new String[] { "io.micrometer.", "Micrometer / observation" },
			new String[] { "org.apache.catalina.", "Tomcat" }, new String[] { "org.apache.coyote.", "Tomcat" },
			new String[] { "org.apache.tomcat.", "Tomcat" }, new String[] { "io.netty.", "Netty" },
			new String[] { "reactor.netty.", "Reactor Netty" }, new String[] { "reactor.", "Reactor" },
			new String[] { "org.springframework.cloud.gateway.", "Spring Cloud Gateway" },
			new String[] { "io.github.resilience4j.", "Resilience4j" },
			new String[] { "io.lettuce.", "Redis (Lettuce)" },
			new String[] { "org.springframework.web.", "Spring Web / MVC" },
			new String[] { "org.springframework.http.", "Spring Web / MVC" },
			new String[] { "org.springframework.boot.loader.", "Boot jar loader" },
			new String[] { "ch.qos.logback.", "Logging" }, new String[] { "org.apache.logging.", "Logging" },
			new String[] { "org.slf4j.", "Logging" }, new String[] { "org.springframework.", "Spring (other)" },
			new String[] { "kafka.", "Kafka broker" }, new String[] { "scala.", "Kafka broker" });

	/**
	 * The component a sample is charged to: that of its first non-JDK frame (JSON parsing
	 * in {@code java.lang.String} counts as Jackson).
	 */
	private static String component(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
					|| type.startsWith("javax.") || type.startsWith("com.sun.")) {
				continue;
			}
			for (String[] component : COMPONENTS) {
				if (type.startsWith(component[0])) {
					return component[1];
				}
			}
			return packageOf(frame);
		}
		return "JDK only (" + packageOf(frames.getFirst()) + ")";
	}

	private static void table(StringBuilder text, String title, Map<String, Long> counts, long total, String unit) {
		text.append("| ").append(title).append(" | ").append(unit).append(" |\n|---|---:|\n");
		Map<String, Long> top = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(TOP)
			.forEach((entry) -> top.put(entry.getKey(), entry.getValue()));
		top.forEach((key, count) -> text.append("| `")
			.append(key)
			.append("` | ")
			.append("%.1f".formatted((total > 0) ? count * 100.0 / total : 0))
			.append(" |\n"));
		text.append('\n');
	}

	private static String method(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static String packageOf(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		String[] parts = type.split("\\.");
		return String.join(".", List.of(parts).subList(0, Math.min(3, Math.max(1, parts.length - 1))));
	}

	private static void increment(Map<String, Long> counts, String key) {
		counts.merge(key, 1L, Long::sum);
	}

}
