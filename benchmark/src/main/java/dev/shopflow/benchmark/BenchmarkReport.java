package dev.shopflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.shopflow.benchmark.BookAudit.Books;
import dev.shopflow.benchmark.Latencies.Percentiles;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a run measured, written as {@code result.json}, {@code report.html} and a
 * plain-text summary.
 *
 * @param settings how the run was set up (mode, JVM options, customers, machine)
 * @param phases the phases, warm-up first
 * @param maxSustainedRate the highest rate sustained (ramp: the last step that kept up;
 * fixed: the highest fixed rate that kept up)
 * @param books the verdict on the books
 * @param rssMb resident memory of each process over time: [second, MB] pairs
 * @param timeline per-second rates and latencies
 */
record BenchmarkReport(Map<String, Object> settings, List<PhaseResult> phases, double maxSustainedRate, Books books,
		Map<String, List<double[]>> rssMb, Timeline.Series timeline) {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("result.json"), JSON.writeValueAsString(this));
		Files.writeString(directory.resolve("report.html"), HtmlReport.render(this));
		Files.writeString(directory.resolve("summary.txt"), summary());
	}

	String summary() {
		StringBuilder text = new StringBuilder();
		text.append("Shopflow benchmark, ")
			.append(this.settings.get("mode"))
			.append(" mode, JVM options of the services: ")
			.append(this.settings.get("javaOptions"))
			.append("\n\n");
		text.append("%-12s %8s %9s %9s %8s %8s | %-26s | %-26s | %-26s\n".formatted("phase", "offered/s", "completed",
				"sagas/s", "notFinal", "errors", "POST ms p50/p95/p99", "to final ms p50/p95/p99 (poll)",
				"to final ms p50/p95/p99 (srv)"));
		for (PhaseResult phase : this.phases) {
			long errors = phase.errors().values().stream().mapToLong(Long::longValue).sum();
			text.append("%-12s %8.1f %9d %9.1f %8d %8d | %-26s | %-26s | %-26s %s\n".formatted(phase.name(),
					phase.offeredPerSecond(), phase.completed(), phase.completedPerSecond(), phase.notFinal(), errors,
					triple(phase.placementMs()), triple(phase.toFinalMs()), triple(phase.toFinalServerStampedMs()),
					phase.sustained() ? "kept up" : "NOT sustained: " + String.join("; ", phase.verdict())));
		}
		text.append("\nmax sustained rate: ").append(this.maxSustainedRate).append(" orders/s\n");
		for (PhaseResult phase : this.phases) {
			text.append("\n").append(phase.name()).append(": outcomes ").append(phase.outcomes());
			if (!phase.errors().isEmpty()) {
				text.append(", errors ").append(phase.errors());
			}
			text.append("\n  max RSS MB ")
				.append(phase.maxRssMb())
				.append("\n  CPU % of one core ")
				.append(phase.cpuPercent())
				.append("\n");
		}
		Books books = this.books;
		text.append("\nBooks: ")
			.append(books.balanced() ? "BALANCED" : "NOT BALANCED")
			.append(" (%d orders, %d confirmed, %d not final, %d charges; confirmed not charged exactly once: %d; "
				.formatted(books.orders(), books.confirmed(), books.notFinal(), books.charges(),
						books.confirmedNotChargedOnce()))
			.append("kept charges without a confirmed order: %d; products: %d, unbalanced %d, with reservations %d, sold mismatch %d)\n"
				.formatted(books.chargesWithoutConfirmedOrder(), books.products(), books.productsUnbalanced(),
						books.productsWithReservations(), books.productsSoldMismatch()));
		books.problems().forEach((problem) -> text.append("  - ").append(problem).append('\n'));
		return text.toString();
	}

	private static String triple(Percentiles percentiles) {
		return List.of(percentiles.p50(), percentiles.p95(), percentiles.p99())
			.stream()
			.map((value) -> (value >= 100) ? Long.toString(Math.round(value)) : Double.toString(value))
			.collect(Collectors.joining(" / "));
	}

}
