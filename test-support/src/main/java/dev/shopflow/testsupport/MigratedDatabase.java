package dev.shopflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database of its own on the shared PostgreSQL container, migrated by a service's own
 * Flyway scripts step by step: a schema test fills it at one version, with the rows the
 * code writes, and then proves the next migration applies to that data.
 */
public final class MigratedDatabase {

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final String url;

	private MigratedDatabase(String url, DataSource dataSource) {
		this.url = url;
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * Creates an empty database.
	 * @param prefix the start of its name (lower case, letters and underscores)
	 * @return the database
	 */
	public static MigratedDatabase create(String prefix) {
		PostgreSQLContainer postgres = Infrastructure.postgres();
		String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
				postgres.getPassword()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		String url = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + name;
		return new MigratedDatabase(url, new SimpleDriverDataSource(new org.postgresql.Driver(), url,
				postgres.getUsername(), postgres.getPassword()));
	}

	/**
	 * Applies the service's migrations (and the shared messaging ones) up to a version.
	 * @param version the last version to apply, e.g. {@code "1"}; {@code "latest"} for
	 * all
	 * @return this database
	 */
	public MigratedDatabase migrateTo(String version) {
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration", "classpath:db/messaging")
			.target(version)
			.load()
			.migrate();
		return this;
	}

	/**
	 * A data source on one connection of its own, for a test thread that runs
	 * transactions concurrently with others; close it when done.
	 * @return the data source
	 */
	public SingleConnectionDataSource singleConnection() {
		PostgreSQLContainer postgres = Infrastructure.postgres();
		return new SingleConnectionDataSource(this.url, postgres.getUsername(), postgres.getPassword(), true);
	}

	/**
	 * A client on this database, one autocommitted statement at a time.
	 * @return the client
	 */
	public JdbcClient jdbc() {
		return this.jdbc;
	}

}
