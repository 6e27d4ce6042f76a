package dev.shopflow.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProcStatTests {

	@Test
	void readsTheTimesAfterTheCommandName() {
		ProcStat stat = ProcStat.parse("2207 (postgres) S 1 2207 2207 0 -1 4194560 1200 9000 0 3 7 6 2000 447 "
				+ "20 0 1 0 1500 229244928 7000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0");
		assertThat(stat.pid()).isEqualTo(2207);
		assertThat(stat.comm()).isEqualTo("postgres");
		assertThat(stat.ppid()).isEqualTo(1);
		assertThat(stat.utime()).isEqualTo(7);
		assertThat(stat.stime()).isEqualTo(6);
		assertThat(stat.ownTicks()).isEqualTo(13);
		assertThat(stat.childrenTicks()).isEqualTo(2447);
	}

	@Test
	void toleratesSpacesAndParenthesesInTheCommandName() {
		ProcStat stat = ProcStat.parse("42 (my (odd) proc) R 7 42 42 0 -1 0 0 0 0 0 100 50 3 4 20 0 1 0 1 1 1");
		assertThat(stat.comm()).isEqualTo("my (odd) proc");
		assertThat(stat.ppid()).isEqualTo(7);
		assertThat(stat.ownTicks()).isEqualTo(150);
		assertThat(stat.childrenTicks()).isEqualTo(7);
	}

	@Test
	void readsThisProcess() {
		ProcStat stat = ProcStat.read(ProcessHandle.current().pid()).orElseThrow();
		assertThat(stat.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(stat.ownTicks()).isPositive();
	}

	@Test
	void rejectsAnythingElse() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcStat.parse("no stat line"));
	}

}
