package dev.shopflow.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.shopflow.benchmark.ChaosFaults.Fault;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a chaos run found: the audited invariants (each must be 0), and per fault how long
 * the shop took to recover and how the orders placed once it had recovered ended.
 *
 * @param orders every order offered
 * @param faults the faults, in order
 * @param invariants each audited invariant and how often it was broken
 * @param windows the spells after each fault (from 20 s after its end to 5 s before the
 * next fault), and the one before the first fault
 * @param books the book audit's verdict
 * @param calibration the machine, measured before the stack started
 */
record ChaosReport(List<ChaosOrder> orders, List<Fault> faults, Map<String, Long> invariants, List<Window> windows,
		BookAudit.Books books, Calibration calibration) {

	/**
	 * Orders placed this close before a fault are left out of the spell before it: their
	 * sagas would run into that fault (as long as the 5 s an order may take).
	 */
	static final Duration LEAD = Duration.ofSeconds(5);

	static final Duration FAST = Duration.ofSeconds(5);

	static ChaosReport of(List<ChaosOrder> orders, List<Fault> faults, Instant loadStart, Instant loadEnd,
			BookAudit.Books books, long lateDecisions, long deadLetters, Calibration calibration) {
		Map<String, Long> invariants = new LinkedHashMap<>();
		long acceptedNotFinal = orders.stream()
			.filter((order) -> order.orderId != null && order.status == null)
			.count();
		invariants.put("accepted orders not final (clients' view)", acceptedNotFinal);
		invariants.put("accepted orders not final (order database)", books.notFinal());
		invariants.put("orders decided more than 10 s after their deadline", lateDecisions);
		invariants.put("confirmed orders not charged exactly once", books.confirmedNotChargedOnce());
		invariants.put("kept charges without a confirmed order", books.chargesWithoutConfirmedOrder());
		invariants.put("products whose stock does not add up", books.productsUnbalanced());
		invariants.put("products with units left reserved", books.productsWithReservations());
		invariants.put("products whose sold count differs from the confirmed orders", books.productsSoldMismatch());
		invariants.put("dead-lettered saga messages", deadLetters);
		List<Window> windows = new ArrayList<>();
		Instant first = faults.isEmpty() ? loadEnd : faults.getFirst().start();
		windows.add(Window.of("before the first fault", null, loadStart.plusSeconds(10), first.minus(LEAD), orders));
		for (int i = 0; i < faults.size(); i++) {
			Fault fault = faults.get(i);
			Instant next = (i + 1 < faults.size()) ? faults.get(i + 1).start() : loadEnd;
			windows.add(Window.of(fault.name(), fault, fault.end().plus(ChaosRun.RECOVERED_AFTER), next.minus(LEAD),
					orders));
		}
		return new ChaosReport(List.copyOf(orders), List.copyOf(faults), invariants, windows, books, calibration);
	}

	/** Orders of every spell after a fault, together. */
	Window recovered() {
		List<ChaosOrder> after = new ArrayList<>();
		for (Window window : this.windows.subList(1, this.windows.size())) {
			after.addAll(window.orders());
		}
		return new Window("every spell from 20 s after a fault", null, null, null, after, null);
	}

	boolean invariantsHold() {
		return this.invariants.values().stream().allMatch((count) -> count == 0);
	}

	/** The acceptance: invariants, 99 % good after recovery, p99 under 5 s. */
	boolean passed() {
		Window recovered = recovered();
		return invariantsHold() && recovered.goodRatio() >= 0.99 && recovered.p99().compareTo(FAST) < 0;
	}

	String text() {
		StringBuilder text = new StringBuilder("Chaos run\n");
		text.append(String.format("  machine: nproc %d, pgbench -N %s tps, SHA-256 %.0f MB/s on one thread, load %s%n",
				this.calibration.nproc(),
				(this.calibration.pgbenchTps() != null) ? "%.0f".formatted(this.calibration.pgbenchTps())
						: "(" + this.calibration.pgbench() + ")",
				this.calibration.sha256MbPerSecond(), this.calibration.loadAverage()));
		Map<String, Long> outcomes = new TreeMap<>();
		for (ChaosOrder order : this.orders) {
			outcomes.merge(order.outcome(), 1L, Long::sum);
		}
		long resent = this.orders.stream().filter((order) -> order.attempts > 1).count();
		Map<String, Long> because = new TreeMap<>();
		this.orders.forEach((order) -> order.resentBecause
			.forEach((answer, count) -> because.merge(answer, (long) count, Long::sum)));
		text.append("  orders offered: ")
			.append(this.orders.size())
			.append(" (")
			.append(resent)
			.append(" POSTs resent with the same key)\n  outcomes: ")
			.append(outcomes)
			.append('\n');
		text.append("  books: ")
			.append(this.books.orders())
			.append(" orders, ")
			.append(this.books.confirmed())
			.append(" confirmed, ")
			.append(this.books.charges())
			.append(" charges at the provider\n");
		text.append("Invariants (each must be 0):\n");
		this.invariants
			.forEach((name, count) -> text.append("  ").append(count).append("  ").append(name).append('\n'));
		this.books.problems().forEach((problem) -> text.append("    ").append(problem).append('\n'));
		text.append(
				"Faults (recovery: from the fault's end to the first order placed after it that was good within 5 s;\n"
						+ "spell: orders placed from 20 s after the end to 5 s before the next fault):\n");
		for (Window window : this.windows) {
			text.append("  ").append(window.line()).append('\n');
		}
		Window recovered = recovered();
		text.append(String.format(
				"After recovery: %d orders, %.2f %% good (confirmed or declined by card or stock), "
						+ "placement to final p99 %d ms%n",
				recovered.orders().size(), 100 * recovered.goodRatio(), recovered.p99().toMillis()));
		text.append(passed() ? "PASSED\n" : "FAILED\n");
		return text.toString();
	}

	ObjectNode json() {
		ObjectNode root = ShopClient.JSON.createObjectNode();
		root.put("ordersOffered", this.orders.size());
		root.put("passed", passed());
		root.put("nproc", this.calibration.nproc());
		if (this.calibration.pgbenchTps() != null) {
			root.put("pgbenchTps", this.calibration.pgbenchTps());
		}
		root.put("sha256MbPerSecond", this.calibration.sha256MbPerSecond());
		ObjectNode invariants = root.putObject("invariants");
		this.invariants.forEach(invariants::put);
		ArrayNode windows = root.putArray("faults");
		for (Window window : this.windows) {
			ObjectNode node = windows.addObject();
			node.put("fault", window.name());
			if (window.fault() != null) {
				node.put("start", window.fault().start().toString());
				node.put("end", window.fault().end().toString());
			}
			if (window.recovery() != null) {
				node.put("recoveryMs", window.recovery().toMillis());
			}
			node.put("ordersInSpell", window.orders().size());
			node.put("goodRatio", window.goodRatio());
			node.put("p99Ms", window.p99().toMillis());
		}
		Window recovered = recovered();
		root.put("ordersAfterRecovery", recovered.orders().size());
		root.put("goodRatioAfterRecovery", recovered.goodRatio());
		root.put("p99MsAfterRecovery", recovered.p99().toMillis());
		return root;
	}

	/**
	 * The orders placed in one spell.
	 *
	 * @param name the fault before the spell
	 * @param fault the fault, or {@code null} for the spell before the first
	 * @param from the spell's start
	 * @param to its end
	 * @param orders the orders whose first attempt falls into it
	 * @param recovery from the fault's end to the first good, fast order placed after it
	 */
	record Window(String name, Fault fault, Instant from, Instant to, List<ChaosOrder> orders, Duration recovery) {

		static Window of(String name, Fault fault, Instant from, Instant to, List<ChaosOrder> all) {
			List<ChaosOrder> inside = all.stream()
				.filter((order) -> order.firstAttempt != null && !order.firstAttempt.isBefore(from)
						&& order.firstAttempt.isBefore(to))
				.toList();
			Duration recovery = null;
			if (fault != null) {
				recovery = all.stream()
					.filter((order) -> order.firstAttempt != null && !order.firstAttempt.isBefore(fault.end()))
					.filter((order) -> order.good() && order.toFinal().compareTo(FAST) < 0)
					.map((order) -> Duration.between(fault.end(), order.firstAttempt))
					.min(Duration::compareTo)
					.orElse(null);
			}
			return new Window(name, fault, from, to, inside, recovery);
		}

		double goodRatio() {
			return this.orders.isEmpty() ? 1.0
					: (double) this.orders.stream().filter(ChaosOrder::good).count() / this.orders.size();
		}

		/**
		 * Placement (first attempt) to final, p99; an order never final counts as
		 * endless.
		 */
		Duration p99() {
			List<Duration> times = this.orders.stream()
				.map((order) -> (order.toFinal() != null) ? order.toFinal() : Duration.ofDays(1))
				.sorted()
				.toList();
			return times.isEmpty() ? Duration.ZERO : times.get((int) Math.ceil(times.size() * 0.99) - 1);
		}

		String line() {
			String recovered = (this.fault == null) ? "" : (this.recovery == null) ? ", never recovered"
					: ", recovered " + this.recovery.toMillis() + " ms after its end";
			String span = (this.fault == null) ? "" : " (" + ChaosRun.time(this.fault.start()) + ", over after "
					+ Duration.between(this.fault.start(), this.fault.end()).toMillis() + " ms)";
			return String.format("%s%s%s; spell: %d orders, %.1f %% good, p99 %d ms%s", this.name, span, recovered,
					this.orders.size(), 100 * goodRatio(), p99().toMillis(), notGood());
		}

		/**
		 * How the spell's orders that were not good ended, and when the first and the
		 * last of them were placed: what a failed run needs to be read.
		 */
		private String notGood() {
			List<ChaosOrder> bad = this.orders.stream().filter((order) -> !order.good()).toList();
			if (bad.isEmpty()) {
				return "";
			}
			Map<String, Long> outcomes = new TreeMap<>();
			bad.forEach((order) -> outcomes.merge(order.outcome(), 1L, Long::sum));
			Instant first = bad.stream().map((order) -> order.firstAttempt).min(Instant::compareTo).orElseThrow();
			Instant last = bad.stream().map((order) -> order.firstAttempt).max(Instant::compareTo).orElseThrow();
			return "; not good: " + outcomes + ", placed " + ChaosRun.time(first) + " .. " + ChaosRun.time(last)
					+ ", e.g. order " + bad.getFirst().orderId;
		}

	}

}
