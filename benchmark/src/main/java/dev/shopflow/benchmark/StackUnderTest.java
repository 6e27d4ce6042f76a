package dev.shopflow.benchmark;

import java.nio.file.Path;

import dev.shopflow.localrun.LocalStack;
import dev.shopflow.localrun.StackSettings;

/**
 * The stack the benchmark drives: a fresh local one (started like the system tests start
 * theirs, on its own ports and databases) or one that is already running.
 *
 * @param gateway the gateway URL
 * @param psp the payment simulator URL
 * @param orderDb JDBC URL of the order database
 * @param inventoryDb JDBC URL of the inventory database
 * @param dbUser the database user
 * @param runDir the run directory (logs, {@code pids})
 * @param local the fresh stack, or {@code null}
 * @param kafka the broker's bootstrap address, or {@code null} when not known
 */
record StackUnderTest(String gateway, String psp, String orderDb, String inventoryDb, String dbUser, Path runDir,
		LocalStack local, String kafka) implements AutoCloseable {

	/**
	 * Ports 28080 (gateway) ... 29092 (Kafka): clear of a developer's stack and the
	 * system tests'.
	 */
	static final int PORT_OFFSET = 20_000;

	static StackUnderTest of(BenchmarkOptions options) {
		if (!options.freshStack()) {
			return new StackUnderTest(options.gateway(), options.psp(), options.orderDb(), options.inventoryDb(),
					options.dbUser(), options.stackRunDir(), null, options.kafka());
		}
		Path runDir = options.projectDir().resolve("benchmark/target/bench-run");
		Path jars = JarSnapshot.take(options.projectDir(), options.projectDir().resolve("benchmark/target/bench-jars"));
		// the saga deadline stays at its default (30 s): an overloaded stack then shows
		// TIMEOUT rejections, as it would in production
		StackSettings settings = new StackSettings(jars, runDir, PORT_OFFSET, "_bench", true,
				options.stackEnvironment());
		// extracted jars with a trained AOT cache, as ./shopflow run starts them (kept
		// across
		// runs while the jars and JVM options stay the same)
		System.out.println("Prepared " + LocalStack.prepareStartupCaches(settings) + " start-up cache(s).");
		LocalStack stack = LocalStack.start(settings);
		return new StackUnderTest(settings.gatewayUrl(), settings.pspUrl(), stack.jdbcUrl("order"),
				stack.jdbcUrl("inventory"), stack.databaseUser(), runDir, stack, "127.0.0.1:" + settings.kafkaPort());
	}

	Path pidsFile() {
		return this.runDir.resolve("pids");
	}

	@Override
	public void close() {
		if (this.local != null) {
			this.local.close();
		}
	}

}
