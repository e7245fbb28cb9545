package dev.ffe.benchmarks;

import dev.ffe.core.WorkflowExecutor;
import dev.ffe.core.WorkflowStep;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Measures the calling thread's CPU time per step of the same-thread harnesses (FFE with {@code
 * Runnable::run}, the raw CompletableFuture chain, resilience4j), next to wall time. On a shared
 * machine JMH's wall-clock scores include the time other processes hold the cores; thread CPU time
 * does not, so this is the number to compare with the goals when the load average is above the core
 * count. Harnesses that hop threads (Failsafe's async pool, FFE's default executor) cannot be
 * measured this way.
 *
 * <pre>{@code
 * java -cp target/benchmarks.jar dev.ffe.benchmarks.CpuTimeProbe [rounds] [steps per round]
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class CpuTimeProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTimeProbe() {}

  /** Prints a table of CPU and wall nanoseconds per step; args: {@code [rounds] [steps]}. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int budget = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
    for (Measurement m : measure(rounds, budget, List.of(100, 1_000, 10_000, 100_000))) {
      System.out.println(m);
    }
  }

  /**
   * Runs each harness {@code rounds} times over about {@code budget} steps per round and keeps the
   * last quarter of the rounds (the earlier ones warm the JIT).
   */
  static List<Measurement> measure(int rounds, int budget, List<Integer> ffeSizes) {
    List<Measurement> out = new ArrayList<>();
    WorkflowExecutor sameThread = Workloads.sameThreadExecutor();
    for (int size : ffeSizes) {
      WorkflowStep chain = Workloads.sequentialNoops(size);
      out.add(time("ffeSameThread", size, rounds, budget, () -> sameThread.run(chain).join()));
    }
    out.add(
        time(
            "completableFuture",
            100,
            rounds,
            budget,
            () -> Workloads.chain(100, Workloads::noopCall)));
    ScheduledExecutorService scheduler = Workloads.retryScheduler();
    try {
      Supplier<CompletionStage<Object>> retried =
          Workloads.decorate(Workloads.retry(), scheduler, Workloads::noopCall);
      out.add(time("resilience4j", 100, rounds, budget, () -> Workloads.chain(100, retried)));
    } finally {
      scheduler.shutdownNow();
    }
    return out;
  }

  private static Measurement time(
      String harness, int steps, int rounds, int budget, Runnable runOnce) {
    int runs = Math.max(1, budget / steps);
    int kept = Math.max(1, rounds / 4);
    long cpu = 0;
    long wall = 0;
    for (int r = 0; r < rounds; r++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        runOnce.run();
      }
      if (r >= rounds - kept) {
        cpu += THREADS.getCurrentThreadCpuTime() - c0;
        wall += System.nanoTime() - w0;
      }
    }
    double total = (double) kept * runs * steps;
    return new Measurement(harness, steps, cpu / total, wall / total);
  }

  /**
   * One harness's cost per step.
   *
   * @param harness the benchmark method it mirrors
   * @param steps the chain length
   * @param cpuNanosPerStep the calling thread's CPU time per step
   * @param wallNanosPerStep the elapsed time per step
   */
  record Measurement(String harness, int steps, double cpuNanosPerStep, double wallNanosPerStep) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-18s %7d steps  cpu %9.1f ns/step  wall %9.1f ns/step",
          harness,
          steps,
          cpuNanosPerStep,
          wallNanosPerStep);
    }
  }
}
