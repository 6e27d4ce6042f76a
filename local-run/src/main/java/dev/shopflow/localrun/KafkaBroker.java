package dev.shopflow.localrun;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process),
 * started from Kafka's own jars: the local run's message broker. Its own small process,
 * so that it starts and stops like every other part of the stack.
 *
 * <p>
 * Arguments: {@code <data directory> <client port>}; the controller listens on the next
 * port.
 */
public final class KafkaBroker {

	/** Any fixed id: the storage of a local run is formatted once with it. */
	static final String CLUSTER_ID = "c2hvcGZsb3ctbG9jYWwtMQ";

	private KafkaBroker() {
	}

	public static void main(String[] args) throws IOException {
		Path dataDir = Path.of(args[0]).toAbsolutePath();
		int port = Integer.parseInt(args[1]);
		Path config = writeConfig(dataDir, port);
		if (!Files.exists(dataDir.resolve("meta.properties"))) {
			PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
			int formatted = kafka.tools.StorageTool.execute(
					new String[] { "format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted" }, out);
			if (formatted != 0) {
				throw new IllegalStateException("Formatting the Kafka storage in " + dataDir + " failed: " + formatted);
			}
		}
		kafka.Kafka.main(new String[] { config.toString() });
	}

	private static Path writeConfig(Path dataDir, int port) throws IOException {
		Files.createDirectories(dataDir);
		int controllerPort = port + 1;
		String properties = String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + controllerPort,
				"listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
				"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + dataDir, "num.partitions=6",
				"offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
				"transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0",
				"auto.create.topics.enable=true", "log.retention.hours=24", "");
		Path config = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
		Files.writeString(config, properties);
		return config;
	}

}
