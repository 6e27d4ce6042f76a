package dev.shopflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CPU times in one line of {@code /proc/<pid>/stat} (proc(5)), in clock ticks.
 *
 * @param pid the process
 * @param comm the command name (between the parentheses, truncated to 15 characters)
 * @param ppid the parent process
 * @param utime user time of the process
 * @param stime system time of the process
 * @param cutime user time of its children that exited and were waited for
 * @param cstime system time of its children that exited and were waited for
 */
record ProcStat(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime) {

	/**
	 * Parses a stat line. The command name may hold spaces and parentheses, so the fields
	 * are counted from the last {@code ')'}.
	 * @param line the content of {@code /proc/<pid>/stat}
	 * @return the times
	 */
	static ProcStat parse(String line) {
		int open = line.indexOf('(');
		int close = line.lastIndexOf(')');
		if (open < 0 || close < open) {
			throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
		}
		long pid = Long.parseLong(line.substring(0, open).trim());
		String comm = line.substring(open + 1, close);
		// after "(comm) ": state (field 3), ppid (4) ... utime (14), stime (15), cutime
		// (16),
		// cstime (17)
		String[] fields = line.substring(close + 2).trim().split(" +");
		return new ProcStat(pid, comm, Long.parseLong(fields[1]), Long.parseLong(fields[11]),
				Long.parseLong(fields[12]), Long.parseLong(fields[13]), Long.parseLong(fields[14]));
	}

	/**
	 * Reads a process's stat line.
	 * @param pid the process
	 * @return its times, empty when it has gone (or is not readable)
	 */
	static Optional<ProcStat> read(long pid) {
		try {
			return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** CPU time of the process itself. */
	long ownTicks() {
		return this.utime + this.stime;
	}

	/** CPU time of its exited (and reaped) children. */
	long childrenTicks() {
		return this.cutime + this.cstime;
	}

}
