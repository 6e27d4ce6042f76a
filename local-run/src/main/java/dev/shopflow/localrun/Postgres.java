package dev.shopflow.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The stack's PostgreSQL: the server at 127.0.0.1:5432 when one answers, otherwise an
 * embedded one from Maven Central's binaries (which PostgreSQL refuses to run as root).
 */
final class Postgres implements AutoCloseable {

	private final String host;

	private final int port;

	private final String user;

	private final EmbeddedPostgres embedded;

	private Postgres(String host, int port, String user, EmbeddedPostgres embedded) {
		this.host = host;
		this.port = port;
		this.user = user;
		this.embedded = embedded;
	}

	static Postgres startOrConnect(Path runDir) {
		String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
		int port = Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432"));
		String user = System.getenv().getOrDefault("PGUSER", "postgres");
		if (Ports.answers(host, port)) {
			return new Postgres(host, port, user, null);
		}
		if ("root".equals(System.getProperty("user.name"))) {
			throw new IllegalStateException("No PostgreSQL answers at " + host + ":" + port
					+ ", and an embedded one cannot run as root. Install and start PostgreSQL "
					+ "(Debian: apt-get install postgresql && pg_ctlcluster 15 main start, with trust auth for "
					+ "127.0.0.1 or PGUSER/PGPASSWORD set), or run as a normal user.");
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder()
				.setDataDirectory(runDir.resolve("postgres"))
				.setCleanDataDirectory(false)
				.setPort(port)
				.start();
			return new Postgres("127.0.0.1", port, "postgres", embedded);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start an embedded PostgreSQL", ex);
		}
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	String user() {
		return this.user;
	}

	String describe() {
		return ((this.embedded != null) ? "embedded PostgreSQL" : "PostgreSQL") + " at " + this.host + ":" + this.port;
	}

	void dropDatabases(List<String> names) {
		String password = System.getenv().getOrDefault("PGPASSWORD", "");
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), this.user, password);
				var statement = connection.createStatement()) {
			for (String name : names) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop the databases on " + describe() + ": " + ex.getMessage(),
					ex);
		}
	}

	void createDatabases(List<String> names) {
		String password = System.getenv().getOrDefault("PGPASSWORD", "");
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), this.user, password)) {
			for (String name : names) {
				boolean exists;
				try (var check = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
					check.setString(1, name);
					exists = check.executeQuery().next();
				}
				if (!exists) {
					try (var create = connection.createStatement()) {
						create.execute("CREATE DATABASE " + name);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the databases on " + describe() + ": " + ex.getMessage(),
					ex);
		}
	}

	@Override
	public void close() throws IOException {
		if (this.embedded != null) {
			this.embedded.close();
		}
	}

}
