package dev.shopflow.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The run directory's record of the stack's processes ({@code pids}) and of the
 * {@code ./shopflow run} that started them ({@code launcher.pid}), so that a later run or
 * {@code ./shopflow stop} can stop what an earlier one left behind, even after a crash.
 */
final class PidFiles {

	/** Where {@code ./shopflow run} keeps its own PID in the run directory. */
	static final String LAUNCHER_PID = "launcher.pid";

	private PidFiles() {
	}

	/**
	 * Records the PID of every running part, for {@link #stopLeftovers} of a later run.
	 * @param runDir the run directory
	 * @param parts the topology
	 * @param running the current process of each part, by name
	 */
	static void write(Path runDir, List<StackPart> parts, Map<String, StackProcess> running) {
		String pids = parts.stream()
			.filter((part) -> running.containsKey(part.name()))
			.map((part) -> part.name() + " " + running.get(part.name()).pid())
			.collect(Collectors.joining("\n", "", "\n"));
		try {
			Files.writeString(runDir.resolve("pids"), pids);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops the processes a previous run left behind, by the PIDs it recorded, and only
	 * those that are still processes of a Shopflow stack.
	 * @param runDir the run directory
	 * @return how many were stopped
	 */
	static int stopLeftovers(Path runDir) {
		int stopped = stopLauncher(runDir);
		Path pids = runDir.resolve("pids");
		if (!Files.exists(pids)) {
			return stopped;
		}
		try {
			List<String> lines = Files.readAllLines(pids);
			for (int i = lines.size() - 1; i >= 0; i--) {
				String[] parts = lines.get(i).trim().split(" ");
				if (parts.length == 2) {
					ProcessHandle handle = ProcessHandle.of(Long.parseLong(parts[1])).orElse(null);
					if (handle != null && StackProcess.isOurs(handle)) {
						StackProcess.stop(handle);
						stopped++;
					}
				}
			}
			// the run being stopped may remove its own file first
			Files.deleteIfExists(pids);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return stopped;
	}

	/**
	 * Stops a {@code ./shopflow run} of this run directory, if one is running: first its
	 * launcher, which stops the processes it started (and no supervisor restarts them).
	 * @param runDir the run directory
	 * @return the number of processes the launcher had running, 0 without one
	 */
	private static int stopLauncher(Path runDir) {
		Path launcher = runDir.resolve(LAUNCHER_PID);
		try {
			if (!Files.exists(launcher)) {
				return 0;
			}
			ProcessHandle handle = ProcessHandle.of(Long.parseLong(Files.readString(launcher).trim())).orElse(null);
			if (handle == null || !handle.isAlive() || handle.pid() == ProcessHandle.current().pid()
					|| !handle.info().commandLine().orElse("").contains(Shopflow.class.getName())) {
				return 0;
			}
			Path pids = runDir.resolve("pids");
			int children = Files.exists(pids) ? Files.readAllLines(pids).size() : 0;
			handle.destroy();
			handle.onExit().get(120, TimeUnit.SECONDS);
			return children;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			// the launcher did not go in time: its processes are stopped one by one below
			return 0;
		}
	}

}
