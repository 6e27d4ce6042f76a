package dev.shopflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the stack's cumulative work counters ({@link CostSnapshot}): PostgreSQL's
 * statistics views, the broker's end offsets, and the CPU times in {@code /proc} of every
 * process of the stack and of the PostgreSQL cluster.
 * <p>
 * PostgreSQL's CPU is read two ways. {@code postgres} is the whole cluster: the
 * postmaster's own time, the cumulative time of its exited children
 * ({@code cutime + cstime}, which keeps the backends that ended during a phase) and the
 * time of its live children; its difference between two snapshots is exact, but it also
 * counts other clients of a shared cluster. {@code postgres-bench-backends} is the
 * backends connected to the stack's databases (from {@code pg_stat_activity}), live at
 * both ends: it misses the WAL writer, checkpointer and autovacuum, and backends that
 * came and went within the phase.
 */
final class CostMeter implements AutoCloseable {

	static final String POSTGRES = "postgres";

	static final String POSTGRES_BACKENDS = "postgres-bench-backends";

	private final Connection connection;

	private final String databasePattern;

	private final Map<String, Long> pids;

	private final Admin kafka;

	private final long postmasterPid;

	private final WalSyncs walSyncs;

	/**
	 * @param jdbcUrl any of the stack's databases (the meter connects to the cluster's
	 * {@code postgres} database, so its own queries are not counted)
	 * @param user database user
	 * @param databasePattern {@code LIKE} pattern of the stack's databases
	 * @param pids the stack's processes by name
	 * @param kafkaBootstrap the broker ({@code null}: no Kafka figures)
	 */
	CostMeter(String jdbcUrl, String user, String databasePattern, Map<String, Long> pids, String kafkaBootstrap)
			throws SQLException {
		this.connection = JdbcUrls.connect(JdbcUrls.withDatabase(jdbcUrl, "postgres"), user);
		this.databasePattern = databasePattern;
		this.pids = pids;
		this.postmasterPid = postmasterPid();
		this.walSyncs = WalSyncs.detect(this.connection);
		this.kafka = (kafkaBootstrap != null) ? Admin.create(adminProperties(kafkaBootstrap)) : null;
	}

	/**
	 * Everything at once.
	 * @return the snapshot
	 */
	CostSnapshot snapshot() {
		long nanos = System.nanoTime();
		Map<String, Long> cpu = new LinkedHashMap<>();
		this.pids.forEach((name, pid) -> ProcStat.read(pid).ifPresent((stat) -> cpu.put(name, stat.ownTicks())));
		long[] database = { 0, 0 };
		List<Long> backends = new ArrayList<>();
		long walSyncCount = CostSnapshot.UNKNOWN;
		try {
			try (PreparedStatement statement = this.connection
				.prepareStatement("SELECT coalesce(sum(xact_commit + xact_rollback), 0), "
						+ "coalesce(sum(tup_inserted + tup_updated + tup_deleted), 0) FROM pg_stat_database "
						+ "WHERE datname LIKE ?")) {
				statement.setString(1, this.databasePattern);
				try (ResultSet row = statement.executeQuery()) {
					row.next();
					database[0] = row.getLong(1);
					database[1] = row.getLong(2);
				}
			}
			try (PreparedStatement statement = this.connection
				.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname LIKE ?")) {
				statement.setString(1, this.databasePattern);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						backends.add(rows.getLong(1));
					}
				}
			}
			walSyncCount = this.walSyncs.read(this.connection);
		}
		catch (SQLException ex) {
			System.err.println("Could not read PostgreSQL's statistics: " + ex.getMessage());
		}
		if (this.postmasterPid > 0) {
			cpu.put(POSTGRES, clusterTicks(this.postmasterPid));
		}
		cpu.put(POSTGRES_BACKENDS,
				backends.stream().mapToLong((pid) -> ProcStat.read(pid).map(ProcStat::ownTicks).orElse(0L)).sum());
		long[] offsets = kafkaOffsets();
		return new CostSnapshot(nanos, database[0], database[1], walSyncCount, offsets[0], offsets[1], cpu);
	}

	/**
	 * The cluster's CPU so far: the postmaster, its exited children, its live children.
	 * Between two snapshots a child that exited contributes what it used after the first
	 * (its whole time is in {@code cutime}, its earlier part was in the live sum).
	 */
	static long clusterTicks(long postmasterPid) {
		ProcStat postmaster = ProcStat.read(postmasterPid).orElse(null);
		if (postmaster == null) {
			return 0;
		}
		return postmaster.ownTicks() + postmaster.childrenTicks()
				+ children(postmasterPid).stream().mapToLong((child) -> child.ownTicks() + child.childrenTicks()).sum();
	}

	private static List<ProcStat> children(long parent) {
		List<ProcStat> children = new ArrayList<>();
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			processes.map((path) -> path.getFileName().toString())
				.filter((name) -> name.chars().allMatch(Character::isDigit))
				.forEach((name) -> ProcStat.read(Long.parseLong(name))
					.filter((stat) -> stat.ppid() == parent)
					.ifPresent(children::add));
		}
		catch (IOException ex) {
			// no /proc: no CPU figures
		}
		return children;
	}

	/** The postmaster is the parent of this meter's own backend. */
	private long postmasterPid() {
		try (Statement statement = this.connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
			row.next();
			return ProcStat.read(row.getLong(1)).map(ProcStat::ppid).orElse(0L);
		}
		catch (SQLException ex) {
			return 0;
		}
	}

	private long[] kafkaOffsets() {
		long[] sums = { CostSnapshot.UNKNOWN, CostSnapshot.UNKNOWN };
		if (this.kafka == null) {
			return sums;
		}
		try {
			var topics = this.kafka.listTopics(new ListTopicsOptions().listInternal(true))
				.names()
				.get(10, TimeUnit.SECONDS);
			Map<String, TopicDescription> descriptions = this.kafka.describeTopics(topics)
				.allTopicNames()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
			descriptions.values()
				.forEach((topic) -> topic.partitions()
					.forEach((partition) -> latest.put(new TopicPartition(topic.name(), partition.partition()),
							OffsetSpec.latest())));
			var offsets = this.kafka.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
			sums[0] = 0;
			sums[1] = 0;
			offsets.forEach((partition, info) -> {
				if (partition.topic().startsWith("shopflow.")) {
					sums[0] += info.offset();
				}
				else if (partition.topic().startsWith("__")) {
					sums[1] += info.offset();
				}
			});
		}
		catch (Exception ex) {
			System.err.println("Could not read the broker's end offsets: " + ex.getMessage());
			return new long[] { CostSnapshot.UNKNOWN, CostSnapshot.UNKNOWN };
		}
		return sums;
	}

	private static Properties adminProperties(String bootstrap) {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "shopflow-benchmark-meter");
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		return properties;
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// closing anyway
		}
		if (this.kafka != null) {
			this.kafka.close();
		}
	}

	/**
	 * Where the cluster counts its WAL syncs: {@code pg_stat_wal.wal_sync} in PostgreSQL
	 * 14 to 17, {@code pg_stat_io} ({@code object = 'wal'}, {@code fsyncs}) from 18 on.
	 */
	enum WalSyncs {

		STAT_WAL("SELECT wal_sync FROM pg_stat_wal"),

		STAT_IO("SELECT coalesce(sum(fsyncs), 0) FROM pg_stat_io WHERE object = 'wal'"),

		NONE(null);

		private final String query;

		WalSyncs(String query) {
			this.query = query;
		}

		static WalSyncs forVersion(int versionNumber) {
			if (versionNumber >= 180000) {
				return STAT_IO;
			}
			return (versionNumber >= 140000) ? STAT_WAL : NONE;
		}

		static WalSyncs detect(Connection connection) {
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("SHOW server_version_num")) {
				row.next();
				return forVersion(Integer.parseInt(row.getString(1).trim()));
			}
			catch (SQLException | RuntimeException ex) {
				return NONE;
			}
		}

		long read(Connection connection) {
			if (this.query == null) {
				return CostSnapshot.UNKNOWN;
			}
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery(this.query)) {
				return row.next() ? row.getLong(1) : CostSnapshot.UNKNOWN;
			}
			catch (SQLException ex) {
				return CostSnapshot.UNKNOWN;
			}
		}

	}

}
