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
 * @param calibration how fast the machine was before the stack started
 * @param phases the phases, warm-up first
 * @param maxSustainedRate the highest rate sustained (ramp: the last step that kept up;
 * fixed: the highest fixed rate that kept up; overload: the overload rate if it kept up)
 * @param runCosts what the measured part of the run (after the warm-up) cost, per
 * completed saga ({@code null}: not measured)
 * @param books the verdict on the books
 * @param rssMb resident memory of each process over time: [second, MB] pairs
 * @param timeline per-second rates and latencies
 */
record BenchmarkReport(Map<String, Object> settings, Calibration calibration, List<PhaseResult> phases,
		double maxSustainedRate, SagaCosts runCosts, Books books, Map<String, List<double[]>> rssMb,
		Timeline.Series timeline) {

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
			.append("\n");
		text.append(machine()).append("\n\n");
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
		text.append("\nmax sustained rate: ")
			.append(this.maxSustainedRate)
			.append(" orders/s")
			.append("overload".equals(this.settings.get("mode")) ? " (overload: the overload rate, if it kept up)" : "")
			.append('\n');
		text.append(costs());
		for (PhaseResult phase : this.phases) {
			if (phase.name().startsWith("overload")) {
				text.append(overload(phase));
			}
		}
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
			if (phase.costs() != null && !phase.costs().cpuMsPerSaga().isEmpty()) {
				text.append("  CPU ms per saga ").append(phase.costs().cpuMsPerSaga()).append("\n");
			}
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

	/**
	 * @return the calibration in one line
	 */
	String machine() {
		Calibration machine = this.calibration;
		return "Machine: nproc %d, pgbench -N %s, SHA-256 on one thread %s, load average before: %s".formatted(
				machine.nproc(),
				(machine.pgbenchTps() != null) ? "%.0f tps (%s)".formatted(machine.pgbenchTps(), machine.pgbench())
						: machine.pgbench(),
				(machine.sha256MbPerSecond() > 0) ? "%.0f MB/s".formatted(machine.sha256MbPerSecond()) : "not measured",
				machine.loadAverage());
	}

	/**
	 * @return the table of costs per completed saga
	 */
	String costs() {
		StringBuilder text = new StringBuilder(
				"\nPer completed saga (machine-independent figures; see benchmark/README.md):\n");
		text.append("%-20s %8s %8s %8s %9s %11s %10s %12s\n".formatted("phase", "sagas", "xacts", "rows", "WAL syncs",
				"Kafka recs", "internal", "stack CPU ms"));
		for (PhaseResult phase : this.phases) {
			text.append(costLine(phase.name(), phase.costs()));
		}
		text.append(costLine("run (no warm-up)", this.runCosts));
		if (this.runCosts != null) {
			text.append("run CPU ms per saga by process: ").append(this.runCosts.cpuMsPerSaga()).append('\n');
		}
		return text.toString();
	}

	private static String costLine(String name, SagaCosts costs) {
		if (costs == null) {
			return "%-20s (not measured)\n".formatted(name);
		}
		return "%-20s %8d %8s %8s %9s %11s %10s %12s\n".formatted(name, costs.sagas(),
				value(costs.transactionsPerSaga()), value(costs.rowsWrittenPerSaga()), value(costs.walSyncsPerSaga()),
				value(costs.kafkaRecordsPerSaga()), value(costs.kafkaInternalRecordsPerSaga()),
				value(costs.stackCpuMsPerSaga()));
	}

	private static String value(Double value) {
		return (value != null) ? "%.2f".formatted(value) : "-";
	}

	/**
	 * @return what an overload phase showed
	 */
	static String overload(PhaseResult phase) {
		long refused = phase.refusals().values().stream().mapToLong(Long::longValue).sum();
		long otherErrors = phase.errorCount("POST") - refused;
		return ("\n%s: offered %.1f/s for %.0f s (%d orders); goodput %.1f/s (%d confirmed or declined within the "
				+ "%.0f s saga deadline, from the intended start)\n  accepted %d, refused %d %s, other failed "
				+ "placements %d, accepted but REJECTED TIMEOUT %d, not final %d\n  accepted orders: POST ms "
				+ "p50/p95/p99 %s, to final ms p50/p95/p99 %s (poll) %s (server)\n")
			.formatted(phase.name(), phase.offeredPerSecond(), phase.durationSeconds(), phase.offered(),
					phase.goodputPerSecond(), phase.goodWithinDeadline(), phase.sagaDeadlineSeconds(), phase.placed(),
					refused, phase.refusals(), otherErrors, phase.rejectedTimeout(), phase.notFinal(),
					triple(phase.placementMs()), triple(phase.toFinalMs()), triple(phase.toFinalServerStampedMs()));
	}

	private static String triple(Percentiles percentiles) {
		return List.of(percentiles.p50(), percentiles.p95(), percentiles.p99())
			.stream()
			.map((value) -> (value >= 100) ? Long.toString(Math.round(value)) : Double.toString(value))
			.collect(Collectors.joining(" / "));
	}

}
