package dev.shopflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples, once a second, the resident memory ({@code VmRSS} of
 * {@code /proc/<pid>/status}) and the CPU time ({@code /proc/<pid>/stat}) of every
 * process of the stack, found in the run directory's {@code pids} file ("name pid" per
 * line), and of this load generator.
 */
final class ProcessMonitor implements AutoCloseable {

	static final String LOAD_GENERATOR = "load-generator";

	private final Map<String, Long> pids;

	private final Timeline timeline;

	private final Map<String, List<Sample>> samples = new LinkedHashMap<>();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "process-monitor");
		thread.setDaemon(true);
		return thread;
	});

	ProcessMonitor(Path pidsFile, Timeline timeline) {
		this.pids = readPids(pidsFile);
		this.pids.put(LOAD_GENERATOR, ProcessHandle.current().pid());
		this.timeline = timeline;
		this.pids.keySet().forEach((name) -> this.samples.put(name, new ArrayList<>()));
	}

	static Map<String, Long> readPids(Path pidsFile) {
		Map<String, Long> pids = new LinkedHashMap<>();
		try {
			if (Files.isRegularFile(pidsFile)) {
				for (String line : Files.readAllLines(pidsFile)) {
					String[] parts = line.trim().split("\\s+");
					if (parts.length == 2) {
						pids.put(parts[0], Long.parseLong(parts[1]));
					}
				}
			}
		}
		catch (IOException ex) {
			System.err.println("Could not read " + pidsFile + ": " + ex.getMessage());
		}
		return pids;
	}

	Map<String, Long> pids() {
		return Map.copyOf(this.pids);
	}

	void start() {
		this.sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	private void sample() {
		long now = System.nanoTime();
		double second = this.timeline.secondsSinceStart(now);
		this.pids.forEach((name, pid) -> {
			long rssKb = rssKb(pid);
			long ticks = cpuTicks(pid);
			if (rssKb >= 0) {
				synchronized (this.samples) {
					this.samples.get(name).add(new Sample(now, second, rssKb / 1024.0, ticks));
				}
			}
		});
	}

	/**
	 * The largest resident set of each process between two moments.
	 * @param fromNanos from
	 * @param toNanos to
	 * @return MB by process name
	 */
	Map<String, Double> maxRssMb(long fromNanos, long toNanos) {
		Map<String, Double> max = new LinkedHashMap<>();
		synchronized (this.samples) {
			this.samples.forEach((name, list) -> list.stream()
				.filter((sample) -> sample.nanos() >= fromNanos && sample.nanos() <= toNanos)
				.mapToDouble(Sample::rssMb)
				.max()
				.ifPresent((value) -> max.put(name, Math.round(value * 10) / 10.0)));
		}
		return max;
	}

	/**
	 * The CPU each process used between two moments, in % of one core.
	 * @param fromNanos from
	 * @param toNanos to
	 * @return percent by process name
	 */
	Map<String, Double> cpuPercent(long fromNanos, long toNanos) {
		Map<String, Double> cpu = new LinkedHashMap<>();
		synchronized (this.samples) {
			this.samples.forEach((name, list) -> {
				List<Sample> window = list.stream()
					.filter((sample) -> sample.nanos() >= fromNanos && sample.nanos() <= toNanos)
					.toList();
				if (window.size() >= 2) {
					Sample first = window.getFirst();
					Sample last = window.getLast();
					double seconds = (last.nanos() - first.nanos()) / 1e9;
					double percent = (last.cpuTicks() - first.cpuTicks()) / (double) ClockTicks.perSecond() / seconds
							* 100;
					cpu.put(name, (double) Math.round(percent));
				}
			});
		}
		return cpu;
	}

	/**
	 * Every sample, for the memory chart.
	 * @return RSS series by process name: [second, MB] pairs
	 */
	Map<String, List<double[]>> rssSeries() {
		Map<String, List<double[]>> series = new LinkedHashMap<>();
		synchronized (this.samples) {
			this.samples.forEach((name, list) -> series.put(name,
					list.stream().map((sample) -> new double[] { sample.second(), sample.rssMb() }).toList()));
		}
		return series;
	}

	private static long rssKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the process has gone
		}
		return -1;
	}

	private static long cpuTicks(long pid) {
		return ProcStat.read(pid).map(ProcStat::ownTicks).orElse(0L);
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
	}

	private record Sample(long nanos, double second, double rssMb, long cpuTicks) {

	}

}
