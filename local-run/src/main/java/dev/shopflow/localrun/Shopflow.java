package dev.shopflow.localrun;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code ./shopflow} command: {@code run} starts the whole stack in the foreground
 * (Ctrl-C stops every process it started), {@code stop} stops a stack started from this
 * checkout.
 */
public final class Shopflow {

	private Shopflow() {
	}

	public static void main(String[] args) throws Exception {
		Path project = Path.of(System.getProperty("shopflow.project", ".")).toAbsolutePath().normalize();
		String command = (args.length > 0) ? args[0] : "run";
		switch (command) {
			case "run" -> run(project);
			case "stop" -> System.out
				.println("Stopped " + LocalStack.stopLeftovers(project.resolve(".run")) + " Shopflow process(es).");
			default -> {
				System.err.println("usage: ./shopflow [run|stop]");
				System.exit(2);
			}
		}
	}

	private static void run(Path project) throws Exception {
		StackSettings settings = StackSettings.local(project);
		long preparing = System.nanoTime();
		System.out
			.println("Preparing start-up caches (once per build; see " + settings.runDir().resolve("cache") + ") ...");
		try {
			int prepared = LocalStack.prepareStartupCaches(settings);
			System.out.printf("Prepared %d start-up cache(s) in %.1f s.%n", prepared,
					Duration.ofNanos(System.nanoTime() - preparing).toMillis() / 1000.0);
		}
		catch (RuntimeException ex) {
			// a cache only makes the start faster: without it the applications start from
			// their jars
			System.out.println("No start-up caches (" + ex.getMessage() + "); starting from the jars.");
		}
		long started = System.nanoTime();
		System.out.println("Starting Shopflow (logs in " + settings.runDir().resolve("logs") + ") ...");
		LocalStack stack;
		try {
			stack = LocalStack.start(settings);
		}
		catch (IllegalStateException ex) {
			System.err.println("Shopflow could not start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nStopping Shopflow ...");
			stack.close();
		}));
		int created = DemoCatalogue.seed(settings.gatewayUrl(), 100_000);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		System.out.println(banner(settings, stack, took, created));
		String exited = stack.awaitAnyExit();
		System.out.println(exited + " exited (see its log); stopping the rest.");
		System.exit(1);
	}

	private static String banner(StackSettings settings, LocalStack stack, Duration took, int created) {
		String gateway = "http://localhost:" + settings.gatewayPort();
		return """

				Shopflow is up in %.1f s (%s).
				  Gateway     %s
				  Swagger UI  %s/swagger-ui.html
				  Demo catalogue: %d products (%d new): %s
				  Logs        %s

				Try it (bash):
				  TOKEN=$(curl -s -X POST %s/dev/token -H 'Content-Type: application/json' \\
				    -d '{"sub":"alice","roles":["customer"]}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')
				  ORDER=$(curl -s -X POST %s/api/orders -H "Authorization: Bearer $TOKEN" \\
				    -H 'Content-Type: application/json' -H "Idempotency-Key: $(date +%%s%%N)" \\
				    -d '{"items":[{"sku":"MUG-001","quantity":2}],"paymentMethod":{"token":"tok_ok_visa"}}' \\
				    | sed -E 's/.*"id":"([^"]+)".*/\\1/')
				  curl -s %s/api/orders/$ORDER -H "Authorization: Bearer $TOKEN"    # PENDING, then CONFIRMED
				  curl -s %s/api/orders/$ORDER/timeline -H "Authorization: Bearer $TOKEN"

				Ctrl-C (or ./shopflow stop) stops every process this run started.
				""".formatted(took.toMillis() / 1000.0, stack.describeInfrastructure(), gateway, gateway,
				DemoCatalogue.PRODUCTS.size(), created,
				String.join(", ", DemoCatalogue.PRODUCTS.stream().map(DemoCatalogue.Product::sku).toList()),
				settings.runDir().resolve("logs"), gateway, gateway, gateway, gateway);
	}

}
