package dev.shopflow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The parts of a {@code jdbc:postgresql://host:port/database} URL the benchmark needs,
 * and a connection to one.
 */
final class JdbcUrls {

	private JdbcUrls() {
	}

	/**
	 * A connection to a database of the stack, with the password from {@code PGPASSWORD}
	 * (none with trust authentication).
	 * @param url a PostgreSQL JDBC URL
	 * @param user the database user
	 * @return the open connection
	 * @throws SQLException when it cannot be opened
	 */
	static Connection connect(String url, String user) throws SQLException {
		return DriverManager.getConnection(url, user, System.getenv().getOrDefault("PGPASSWORD", ""));
	}

	/**
	 * The same server, another database.
	 * @param url a PostgreSQL JDBC URL
	 * @param database the other database
	 * @return the URL of that database
	 */
	static String withDatabase(String url, String database) {
		int query = url.indexOf('?');
		String base = (query >= 0) ? url.substring(0, query) : url;
		return base.substring(0, base.lastIndexOf('/') + 1) + database + ((query >= 0) ? url.substring(query) : "");
	}

	static String database(String url) {
		int query = url.indexOf('?');
		String base = (query >= 0) ? url.substring(0, query) : url;
		return base.substring(base.lastIndexOf('/') + 1);
	}

	static String host(String url) {
		String authority = authority(url);
		int colon = authority.lastIndexOf(':');
		return (colon >= 0) ? authority.substring(0, colon) : authority;
	}

	static int port(String url) {
		String authority = authority(url);
		int colon = authority.lastIndexOf(':');
		return (colon >= 0) ? Integer.parseInt(authority.substring(colon + 1)) : 5432;
	}

	/**
	 * A {@code LIKE} pattern for all databases of the stack, from the order database's
	 * name: {@code shopflow_order_bench} gives {@code shopflow\_%\_bench}.
	 * @param orderDbUrl the order database
	 * @return the pattern
	 */
	static String stackDatabasePattern(String orderDbUrl) {
		String name = database(orderDbUrl);
		int order = name.indexOf("order");
		String escaped = (order >= 0) ? escape(name.substring(0, order)) + "%" + escape(name.substring(order + 5))
				: escape(name);
		return escaped;
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
	}

	private static String authority(String url) {
		String rest = url.substring(url.indexOf("//") + 2);
		int slash = rest.indexOf('/');
		return (slash >= 0) ? rest.substring(0, slash) : rest;
	}

}
