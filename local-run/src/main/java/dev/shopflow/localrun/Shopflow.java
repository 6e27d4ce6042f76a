package dev.shopflow.localrun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code ./shopflow} command: {@code run [--instances N]} starts the whole stack in
 * the foreground, with N processes of each service (default 1), and restarts a process
 * that dies; Ctrl-C stops every process it started. {@code stop} stops a stack started
 * from this checkout.
 */
public final class Shopflow {

	private Shopflow() {
	}

	public static void main(String[] args) throws Exception {
		Path project = Path.of(System.getProperty("shopflow.project", ".")).toAbsolutePath().normalize();
		String command = (args.length > 0) ? args[0] : "run";
		switch (command) {
			case "run" -> run(project, instances(args));
			case "stop" -> System.out
				.println("Stopped " + LocalStack.stopLeftovers(project.resolve(".run")) + " Shopflow process(es).");
			default -> {
				usage();
			}
		}
	}

	private static int instances(String[] args) {
		if (args.length == 1) {
			return 1;
		}
		if (args.length == 3 && "--instances".equals(args[1]) && args[2].matches("[1-9]")) {
			return Integer.parseInt(args[2]);
		}
		usage();
		return 1;
	}

	private static void usage() {
		System.err.println("usage: ./shopflow [run [--instances 1..9] | stop]");
		System.exit(2);
	}

	private static void run(Path project, int instances) throws Exception {
		StackSettings settings = StackSettings.local(project).withInstances(instances);
		Files.createDirectories(settings.runDir());
		Path launcher = settings.runDir().resolve(PidFiles.LAUNCHER_PID);
		Files.writeString(launcher, Long.toString(ProcessHandle.current().pid()));
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
			try {
				Files.deleteIfExists(launcher);
			}
			catch (java.io.IOException ex) {
				// the next run overwrites it
			}
		}));
		int created = DemoCatalogue.seed(settings.gatewayUrl(), 100_000);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		System.out.println(banner(settings, stack, took, created));
		// from here on the supervisor restarts what dies; this thread only waits for
		// Ctrl-C
		new java.util.concurrent.CountDownLatch(1).await();
	}

	private static String ports(LocalStack stack) {
		return String.join(", ", stack.parts().stream().map(StackPart::toString).toList());
	}

	private static String banner(StackSettings settings, LocalStack stack, Duration took, int created) {
		String gateway = "http://localhost:" + settings.gatewayPort();
		return """

				Shopflow is up in %.1f s (%s).
				  Gateway     %s
				  Swagger UI  %s/swagger-ui.html
				  Demo catalogue: %d products (%d new): %s
				  Instances   %d of each service (ports: %s)
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

				A process that dies is restarted (see "[shopflow supervisor]" lines and its log).
				Ctrl-C (or ./shopflow stop) stops every process this run started.
				""".formatted(took.toMillis() / 1000.0, stack.describeInfrastructure(), gateway, gateway,
				DemoCatalogue.PRODUCTS.size(), created,
				String.join(", ", DemoCatalogue.PRODUCTS.stream().map(DemoCatalogue.Product::sku).toList()),
				settings.instances(), ports(stack), settings.runDir().resolve("logs"), gateway, gateway, gateway,
				gateway);
	}

}
