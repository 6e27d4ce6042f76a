package dev.shopflow.benchmark;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import dev.shopflow.benchmark.ChaosFaults.Fault;
import dev.shopflow.benchmark.ChaosFaults.Injection;
import dev.shopflow.localrun.LocalStack;
import dev.shopflow.localrun.StackSettings;

/**
 * The chaos run: the whole stack with two instances of every service, load through the
 * gateway from clients that resend a failed {@code POST} with the same
 * {@code Idempotency-Key}, and meanwhile real faults one after another (see
 * {@link ChaosFaults}), each followed by a quiet spell. Then the audit: every accepted
 * order final, none decided long after its deadline, every confirmed order charged
 * exactly once, no kept charge of another order, stock conserved per sku, nothing left
 * reserved, no dead-lettered saga message; and availability: of the orders placed more
 * than 20 s after a fault ended (and before the next began), how many ended as a working
 * shop ends them (confirmed, or refused for the card or the stock), how fast.
 * <p>
 * {@code chaos/run} starts it ({@code --short} for the five-minute version the build
 * runs); it prints the report and writes {@code summary.txt} and {@code result.json}.
 */
public final class ChaosRun {

	/**
	 * Ports 12080... and databases {@code *_chaos}: clear of every other stack and below
	 * the ephemeral ports (32768+).
	 */
	static final int PORT_OFFSET = 4_000;

	static final Duration RECOVERED_AFTER = Duration.ofSeconds(20);

	private final Options options;

	private ChaosRun(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		ChaosReport report = run(Options.parse(args));
		System.out.println(report.text());
		System.exit(report.passed() ? 0 : 1);
	}

	/**
	 * Runs it.
	 * @param options what to run
	 * @return the report
	 */
	static ChaosReport run(Options options) throws Exception {
		return new ChaosRun(options).execute();
	}

	private ChaosReport execute() throws Exception {
		Path runDir = this.options.project().resolve("benchmark/target/chaos-run");
		Path jars = JarSnapshot.take(this.options.project(),
				this.options.project().resolve("benchmark/target/chaos-jars"));
		StackSettings settings = new StackSettings(jars, runDir, PORT_OFFSET, "_chaos", true,
				Map.of("ORDER_SAGA_DEADLINE", this.options.sagaDeadline().toSeconds() + "s"), this.options.instances());
		// the machine, before the stack runs (STYLE.md 10: figures move 3x between
		// machines)
		Calibration calibration = Calibration.measure(System.getenv().getOrDefault("PGHOST", "127.0.0.1"),
				Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432")),
				System.getenv().getOrDefault("PGUSER", "postgres"));
		System.out.println("Prepared " + LocalStack.prepareStartupCaches(settings) + " start-up cache(s).");
		try (LocalStack stack = LocalStack.start(settings);
				ShopClient shop = new ShopClient(settings.gatewayUrl(), settings.pspUrl())) {
			String admin = shop.token("chaos-admin", "admin");
			List<String> skus = BenchmarkCatalogue.seed(shop, admin, 20);
			List<String> scarce = scarceProducts(shop, admin);
			List<String> customers = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				customers.add(shop.token("chaos-customer-" + i, "customer"));
			}
			ChaosFaults faults = new ChaosFaults(stack, settings.pspUrl(), this.options.seed());
			List<Injection> plan = this.options.shortRun() ? faults.shortPlan() : faults.fullPlan();
			System.out.printf("Chaos run: %d instance(s) of each service, %.0f orders/s, %d faults, %d s apart%n",
					this.options.instances(), this.options.rate(), plan.size(), this.options.quiet().toSeconds());

			ConcurrentLinkedQueue<ChaosOrder> orders = new ConcurrentLinkedQueue<>();
			List<Fault> done = Collections.synchronizedList(new ArrayList<>());
			Instant loadStart = Instant.now();
			Thread load = Thread.ofPlatform()
				.name("chaos-load")
				.start(() -> offer(shop, customers, skus, scarce, orders));
			Thread.sleep(this.options.quiet());
			for (Injection injection : plan) {
				Fault fault = injection.inject();
				done.add(fault);
				System.out.printf("  %s: %s .. %s%n", fault.name(), time(fault.start()), time(fault.end()));
				Thread.sleep(this.options.quiet());
			}
			load.interrupt();
			load.join();
			Instant loadEnd = Instant.now();
			System.out.println("Load stopped; waiting for the last orders to become final ...");
			awaitClients(orders);

			BookAudit audit = new BookAudit(shop, stack.jdbcUrl("order"), stack.jdbcUrl("inventory"),
					stack.databaseUser());
			BookAudit.Books books = audit.auditUntilSettled(Duration.ofMinutes(3));
			long lateDecisions = ChaosFindings.lateDecisions(stack.jdbcUrl("order"), stack.databaseUser());
			long deadLetters = ChaosFindings.deadLetters(shop, settings.gatewayUrl(), admin);
			ChaosReport report = ChaosReport.of(List.copyOf(orders), List.copyOf(done), loadStart, loadEnd, books,
					lateDecisions, deadLetters, calibration);
			write(report);
			ChaosFindings.explainNotGood(report, stack.jdbcUrl("order"), stack.databaseUser());
			return report;
		}
	}

	/** Places orders at the rate until interrupted, each on its own virtual thread. */
	private void offer(ShopClient shop, List<String> customers, List<String> skus, List<String> scarce,
			ConcurrentLinkedQueue<ChaosOrder> orders) {
		ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
		long interval = (long) (1_000_000_000L / this.options.rate());
		long next = System.nanoTime();
		Duration giveUp = this.options.sagaDeadline().multipliedBy(3).plusSeconds(60);
		while (!Thread.currentThread().isInterrupted()) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			ChaosOrder order = new ChaosOrder(shop, customers.get(random.nextInt(customers.size())),
					body(random, skus, scarce), giveUp);
			orders.add(order);
			clients.execute(order);
			next += interval;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
		}
		clients.shutdown();
	}

	private static String body(ThreadLocalRandom random, List<String> skus, List<String> scarce) {
		// one order in ten asks for a scarce product as well: the stock runs out during
		// the run, so overselling would show
		List<String> lines = new ArrayList<>();
		lines.add(skus.get(random.nextInt(skus.size())));
		if (random.nextInt(10) == 0) {
			lines.add(scarce.get(random.nextInt(scarce.size())));
		}
		StringBuilder body = new StringBuilder("{\"items\":[");
		for (int i = 0; i < lines.size(); i++) {
			body.append((i > 0) ? "," : "")
				.append("{\"sku\":\"")
				.append(lines.get(i))
				.append("\",\"quantity\":")
				.append(1 + random.nextInt(2))
				.append('}');
		}
		String card = (random.nextInt(20) == 0) ? "tok_decline_visa" : "tok_ok_visa";
		return body.append("],\"paymentMethod\":{\"token\":\"").append(card).append("\"}}").toString();
	}

	private static List<String> scarceProducts(ShopClient shop, String admin) throws Exception {
		List<String> skus = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			String sku = "CHAOS-SCARCE-" + i;
			HttpResponse<String> response = shop.createProduct(admin, sku, 2500, 150);
			if (response.statusCode() != 201 && response.statusCode() != 409) {
				throw new IllegalStateException("Could not create " + sku + ": " + response.statusCode());
			}
			skus.add(sku);
		}
		return skus;
	}

	private static void awaitClients(ConcurrentLinkedQueue<ChaosOrder> orders) {
		long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
		while (System.nanoTime() < deadline && orders.stream()
			.anyMatch((order) -> order.status == null && order.firstAttempt != null
					&& Duration.between(order.firstAttempt, Instant.now()).toMinutes() < 4)) {
			LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
		}
	}

	private void write(ChaosReport report) throws Exception {
		Path dir = this.options.project()
			.resolve("benchmark/results")
			.resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
					+ (this.options.shortRun() ? "-chaos-short" : "-chaos"));
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("summary.txt"), report.text());
		Files.writeString(dir.resolve("result.json"),
				ShopClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report.json()));
		System.out.println("Results in " + dir);
	}

	static String time(Instant instant) {
		return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(instant);
	}

	/**
	 * What to run.
	 *
	 * @param project the checkout
	 * @param rate orders offered per second
	 * @param instances processes of each service
	 * @param quiet the spell without faults before the first and after each fault
	 * @param sagaDeadline the stack's saga deadline
	 * @param shortRun the five-minute plan instead of the full one
	 * @param seed chooses which instances are hit
	 */
	public record Options(Path project, double rate, int instances, Duration quiet, Duration sagaDeadline,
			boolean shortRun, long seed) {

		static final String USAGE = """
				usage: chaos/run [--short] [--rate 15] [--instances 2] [--quiet 45s] [--seed N]
				  --short        five faults (kill, database outage, SIGSTOP, broker restart, provider) in about 5 minutes
				  --rate         orders offered per second
				  --instances    processes of each of order-, payment- and inventory-service
				  --quiet        the spell without faults before the first fault and after each""";

		public static Options parse(String... args) {
			Path project = Path.of(System.getProperty("shopflow.project", ".")).toAbsolutePath().normalize();
			double rate = 15;
			int instances = 2;
			Duration quiet = Duration.ofSeconds(45);
			boolean shortRun = false;
			long seed = System.nanoTime();
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--short" -> shortRun = true;
					case "--rate" -> rate = Double.parseDouble(value(args, ++i));
					case "--instances" -> instances = Integer.parseInt(value(args, ++i));
					case "--quiet" -> quiet = BenchmarkOptions.duration(value(args, ++i));
					case "--seed" -> seed = Long.parseLong(value(args, ++i));
					default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
				}
			}
			if (rate <= 0 || instances < 1) {
				throw new IllegalArgumentException("rate and instances must be positive\n" + USAGE);
			}
			return new Options(project, rate, instances, quiet, Duration.ofSeconds(30), shortRun, seed);
		}

		private static String value(String[] args, int index) {
			if (index >= args.length) {
				throw new IllegalArgumentException(args[index - 1] + " needs a value\n" + USAGE);
			}
			return args[index];
		}

	}

}
