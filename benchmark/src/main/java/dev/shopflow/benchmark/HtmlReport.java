package dev.shopflow.benchmark;

import java.util.ArrayList;
import java.util.List;

import dev.shopflow.benchmark.BookAudit.Books;
import dev.shopflow.benchmark.Latencies.Percentiles;

/**
 * A self-contained HTML page (inline SVG, no script, nothing loaded from elsewhere): the
 * phase table, the books, and charts of rates, p99 latencies and memory over time.
 */
final class HtmlReport {

	private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
			"#e377c2", "#17becf" };

	private HtmlReport() {
	}

	static String render(BenchmarkReport report) {
		StringBuilder html = new StringBuilder("""
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shopflow benchmark</title>
				<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
				td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}
				td:first-child{text-align:left}.bad{color:#b00}.good{color:#070}svg{display:block;margin:1em 0}</style>
				</head><body><h1>Shopflow benchmark</h1>
				""");
		html.append("<p>");
		report.settings()
			.forEach((key, value) -> html.append("<b>")
				.append(escape(key))
				.append("</b>: ")
				.append(escape(String.valueOf(value)))
				.append(" &nbsp; "));
		html.append("</p><h2>Phases</h2><table><tr><th>phase</th><th>offered/s</th><th>completed</th>"
				+ "<th>sagas/s</th><th>not final</th><th>errors</th><th>POST p50/p95/p99 ms</th>"
				+ "<th>to final p50/p95/p99 ms (poll)</th><th>to final p50/p95/p99 ms (server)</th>"
				+ "<th>saga p99 ms</th><th>max RSS MB</th><th>verdict</th></tr>");
		for (PhaseResult phase : report.phases()) {
			long errors = phase.errors().values().stream().mapToLong(Long::longValue).sum();
			html.append("<tr><td>%s</td><td>%.1f</td><td>%d</td><td>%.1f</td><td>%d</td><td title=\"%s\">%d</td>"
				.formatted(escape(phase.name()), phase.offeredPerSecond(), phase.completed(),
						phase.completedPerSecond(), phase.notFinal(), escape(phase.errors().toString()), errors))
				.append("<td>")
				.append(triple(phase.placementMs()))
				.append("</td><td>")
				.append(triple(phase.toFinalMs()))
				.append("</td><td>")
				.append(triple(phase.toFinalServerStampedMs()))
				.append("</td><td>")
				.append(phase.sagaServerMs().p99())
				.append("</td><td style=\"text-align:left\">")
				.append(escape(phase.maxRssMb().toString()))
				.append("</td><td class=\"")
				.append(phase.sustained() ? "good\">kept up" : "bad\">" + escape(String.join("; ", phase.verdict())))
				.append("</td></tr>");
		}
		html.append("</table><p>Max sustained rate: <b>").append(report.maxSustainedRate()).append(" orders/s</b></p>");
		html.append("<p>").append(escape(report.machine())).append("</p>");
		html.append(costs(report));
		for (PhaseResult phase : report.phases()) {
			if (phase.name().startsWith("overload")) {
				html.append("<h2>Overload</h2><pre>")
					.append(escape(BenchmarkReport.overload(phase).trim()))
					.append("</pre>");
			}
		}
		Books books = report.books();
		html.append("<h2>Books: <span class=\"")
			.append(books.balanced() ? "good\">balanced" : "bad\">NOT balanced")
			.append("</span></h2><p>")
			.append(escape(books.toString()))
			.append("</p>");
		Timeline.Series series = report.timeline();
		html.append(chart("Orders per second", "orders/s", report,
				List.of(line("offered", perSecond(series.offeredPerSecond())),
						line("completed (final)", perSecond(series.completedPerSecond())),
						line("errors", perSecond(series.errorsPerSecond())))));
		html.append(chart("p99 latency per second (ms)", "ms", report,
				List.of(line("POST /api/orders p99", perSecondDouble(series.placementP99Millis())),
						line("placement to final p99 (poll)", perSecondDouble(series.finalP99Millis())))));
		List<Line> memory = new ArrayList<>();
		report.rssMb().forEach((name, points) -> memory.add(line(name, points)));
		html.append(chart("Resident memory (VmRSS, MB)", "MB", report, memory));
		return html.append("</body></html>\n").toString();
	}

	private static String chart(String title, String unit, BenchmarkReport report, List<Line> lines) {
		int width = 1000;
		int height = 300;
		int left = 60;
		int right = 200;
		int top = 30;
		int bottom = 30;
		double maxX = 1;
		double maxY = 1;
		for (Line line : lines) {
			for (double[] point : line.points()) {
				maxX = Math.max(maxX, point[0]);
				maxY = Math.max(maxY, point[1]);
			}
		}
		maxY = niceCeiling(maxY);
		double plotWidth = width - left - right;
		double plotHeight = height - top - bottom;
		StringBuilder svg = new StringBuilder("<h2>").append(escape(title))
			.append("</h2>")
			.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-size=\"11\">"
				.formatted(width, height));
		for (int tick = 0; tick <= 5; tick++) {
			double y = top + plotHeight - plotHeight * tick / 5;
			svg.append("<line x1=\"%d\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>".formatted(left,
					left + plotWidth, y, y));
			svg.append("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>".formatted(left - 4, y + 4,
					format(maxY * tick / 5)));
		}
		for (PhaseResult phase : report.phases()) {
			double x = left + plotWidth * phase.startSecond() / maxX;
			svg.append("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.0f\" stroke=\"#bbb\" stroke-dasharray=\"3,3\"/>"
				.formatted(x, x, top, top + plotHeight));
			svg.append("<text x=\"%.1f\" y=\"%d\">%s</text>".formatted(x + 2, top - 4, escape(phase.name())));
		}
		svg.append("<text x=\"%d\" y=\"%d\">%s</text>".formatted(4, top - 16, escape(unit)));
		svg.append("<text x=\"%.0f\" y=\"%d\" text-anchor=\"end\">%s s</text>".formatted(left + plotWidth, height - 8,
				format(maxX)));
		svg.append("<text x=\"%d\" y=\"%d\">0 s</text>".formatted(left, height - 8));
		for (int i = 0; i < lines.size(); i++) {
			Line line = lines.get(i);
			String colour = COLOURS[i % COLOURS.length];
			StringBuilder points = new StringBuilder();
			for (double[] point : line.points()) {
				points.append("%.1f,%.1f ".formatted(left + plotWidth * point[0] / maxX,
						top + plotHeight - plotHeight * Math.min(point[1], maxY) / maxY));
			}
			svg.append("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>".formatted(colour,
					points.toString().trim()));
			int legendY = top + 14 * i + 10;
			svg.append("<rect x=\"%.0f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
				.formatted(left + plotWidth + 10, legendY - 9, colour));
			svg.append("<text x=\"%.0f\" y=\"%d\">%s</text>".formatted(left + plotWidth + 24, legendY,
					escape(line.name())));
		}
		return svg.append("</svg>").toString();
	}

	private static String costs(BenchmarkReport report) {
		StringBuilder html = new StringBuilder("<h2>Per completed saga</h2><p>Figures that carry over to another "
				+ "machine: PostgreSQL transactions, rows written and WAL syncs, Kafka records, CPU milliseconds "
				+ "(per process on hover, and below).</p><table><tr><th>phase</th><th>sagas</th><th>transactions</th>"
				+ "<th>rows written</th><th>WAL syncs</th><th>Kafka records</th><th>internal records</th>"
				+ "<th>stack CPU ms</th></tr>");
		List<String> names = new ArrayList<>();
		List<SagaCosts> all = new ArrayList<>();
		for (PhaseResult phase : report.phases()) {
			names.add(phase.name());
			all.add(phase.costs());
		}
		names.add("run (no warm-up)");
		all.add(report.runCosts());
		for (int i = 0; i < names.size(); i++) {
			SagaCosts costs = all.get(i);
			html.append("<tr><td>").append(escape(names.get(i))).append("</td>");
			if (costs == null) {
				html.append("<td colspan=\"7\">not measured</td></tr>");
				continue;
			}
			html.append("<td>")
				.append(costs.sagas())
				.append("</td>")
				.append(cell(costs.transactionsPerSaga()))
				.append(cell(costs.rowsWrittenPerSaga()))
				.append(cell(costs.walSyncsPerSaga()))
				.append(cell(costs.kafkaRecordsPerSaga()))
				.append(cell(costs.kafkaInternalRecordsPerSaga()))
				.append("<td title=\"")
				.append(escape(costs.cpuMsPerSaga().toString()))
				.append("\">")
				.append(costs.stackCpuMsPerSaga())
				.append("</td></tr>");
		}
		html.append("</table><table><tr><th>CPU ms per saga</th>");
		List<String> processes = new ArrayList<>();
		all.stream()
			.filter((costs) -> costs != null)
			.forEach((costs) -> costs.cpuMsPerSaga()
				.keySet()
				.stream()
				.filter((name) -> !processes.contains(name))
				.forEach(processes::add));
		processes.forEach((name) -> html.append("<th>").append(escape(name)).append("</th>"));
		html.append("</tr>");
		for (int i = 0; i < names.size(); i++) {
			SagaCosts costs = all.get(i);
			if (costs == null) {
				continue;
			}
			html.append("<tr><td>").append(escape(names.get(i))).append("</td>");
			processes.forEach((name) -> html.append(cell(costs.cpuMsPerSaga().get(name))));
			html.append("</tr>");
		}
		return html.append("</table>").toString();
	}

	private static String cell(Double value) {
		return "<td>" + ((value != null) ? "%.2f".formatted(value) : "-") + "</td>";
	}

	private static double niceCeiling(double value) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= value) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static List<double[]> perSecond(List<Long> values) {
		List<double[]> points = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			points.add(new double[] { i + 0.5, values.get(i) });
		}
		return points;
	}

	private static List<double[]> perSecondDouble(List<Double> values) {
		List<double[]> points = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i) > 0) {
				points.add(new double[] { i + 0.5, values.get(i) });
			}
		}
		return points;
	}

	private static Line line(String name, List<double[]> points) {
		return new Line(name, points);
	}

	private static String triple(Percentiles percentiles) {
		return percentiles.p50() + " / " + percentiles.p95() + " / " + percentiles.p99();
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : "%.1f".formatted(value);
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	private record Line(String name, List<double[]> points) {

	}

}
