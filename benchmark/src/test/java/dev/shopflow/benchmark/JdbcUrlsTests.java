package dev.shopflow.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTests {

	@Test
	void findsTheStackDatabasesFromTheOrderDatabase() {
		String url = "jdbc:postgresql://127.0.0.1:5433/shopflow_order_bench?ssl=false";
		assertThat(JdbcUrls.stackDatabasePattern(url)).isEqualTo("shopflow\\_%\\_bench");
		assertThat(JdbcUrls.withDatabase(url, "postgres"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5433/postgres?ssl=false");
		assertThat(JdbcUrls.host(url)).isEqualTo("127.0.0.1");
		assertThat(JdbcUrls.port(url)).isEqualTo(5433);
		assertThat(JdbcUrls.port("jdbc:postgresql://db/shopflow_order")).isEqualTo(5432);
	}

}
