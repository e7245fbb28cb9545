package dev.ffe.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program as a step: an argv list (no shell unless you ask for one), a working
 * directory, environment, a timeout that kills the whole process tree, the exit codes that count as
 * success, and stdout/stderr captured into the output up to a size cap.
 *
 * <pre>{@code
 * WorkflowStep deploy = Command.of("./scripts/deploy.sh", "staging", "restart")
 *     .directory(Path.of("/srv/app")).timeout(Duration.ofMinutes(10)).step("deploy");
 * }</pre>
 *
 * <p>Immutable and thread-safe. Pass secrets through {@link #env(String, Secret)}: the argv is
 * named in error messages, environment values never are.
 */
public final class Command implements Task {
  /** The default cap on captured bytes per stream: 64 KiB (the tail is kept). */
  public static final int DEFAULT_OUTPUT_LIMIT = 64 * 1024;

  private final List<String> argv;
  private final Path directory;
  private final Map<String, Object> env;
  private final Duration timeout;
  private final Set<Integer> successCodes;
  private final int outputLimit;

  private Command(
      List<String> argv,
      Path directory,
      Map<String, Object> env,
      Duration timeout,
      Set<Integer> successCodes,
      int outputLimit) {
    this.argv = argv;
    this.directory = directory;
    this.env = env;
    this.timeout = timeout;
    this.successCodes = successCodes;
    this.outputLimit = outputLimit;
  }

  /**
   * Creates a command from its argv: the program, then its arguments.
   *
   * @throws IllegalArgumentException if argv is empty or the program name is blank
   */
  public static Command of(String... argv) {
    Objects.requireNonNull(argv, "argv == null");
    return of(Arrays.asList(argv));
  }

  /** Creates a command from its argv list. */
  public static Command of(List<String> argv) {
    Objects.requireNonNull(argv, "argv == null");
    if (argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
      throw new IllegalArgumentException(
          "a command needs a program: pass argv like (\"./scripts/deploy.sh\", \"staging\")");
    }
    for (String a : argv) {
      Objects.requireNonNull(a, "an argv element is null");
    }
    return new Command(List.copyOf(argv), null, Map.of(), null, Set.of(0), DEFAULT_OUTPUT_LIMIT);
  }

  /** Returns a copy that runs in {@code directory}. */
  public Command directory(Path directory) {
    return new Command(
        argv,
        Objects.requireNonNull(directory, "directory == null"),
        env,
        timeout,
        successCodes,
        outputLimit);
  }

  /** Returns a copy that sets an environment variable. */
  public Command env(String name, String value) {
    return withEnv(name, Objects.requireNonNull(value, "value == null"));
  }

  /** Returns a copy that sets an environment variable to a secret, never shown anywhere. */
  public Command env(String name, Secret value) {
    return withEnv(name, Objects.requireNonNull(value, "value == null"));
  }

  private Command withEnv(String name, Object value) {
    Objects.requireNonNull(name, "name == null");
    Map<String, Object> copy = new LinkedHashMap<>(env);
    copy.put(name, value);
    return new Command(argv, directory, Map.copyOf(copy), timeout, successCodes, outputLimit);
  }

  /** Returns a copy whose process tree is killed after {@code timeout}. */
  public Command timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "command timeout is " + timeout + ": use a positive duration");
    }
    return new Command(argv, directory, env, timeout, successCodes, outputLimit);
  }

  /** Returns a copy for which these exit codes mean success (default: 0 only). */
  public Command successExitCodes(int... codes) {
    if (codes.length == 0) {
      throw new IllegalArgumentException("give at least one exit code that means success");
    }
    Set<Integer> set = new TreeSet<>();
    for (int c : codes) {
      set.add(c);
    }
    return new Command(argv, directory, env, timeout, Set.copyOf(set), outputLimit);
  }

  /** Returns a copy that keeps at most {@code bytes} of each stream (the tail). */
  public Command outputLimit(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("output limit is " + bytes + ": use 0 or more bytes");
    }
    return new Command(argv, directory, env, timeout, successCodes, bytes);
  }

  /** Returns a leaf step named {@code name} that runs this command. */
  public WorkflowStep step(String name) {
    return WorkflowStep.task(name, this);
  }

  /** Returns the argv. */
  public List<String> argv() {
    return argv;
  }

  @Override
  public CommandResult run(StepContext context) throws IOException, InterruptedException {
    return run();
  }

  /**
   * Runs the command and waits for it.
   *
   * @throws CommandFailedException when it exits with a code not in the success set or times out
   * @throws IOException naming the program when it cannot be started
   * @throws InterruptedException when interrupted; the process tree is killed first
   */
  public CommandResult run() throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    if (directory != null) {
      pb.directory(directory.toFile());
    }
    env.forEach((k, v) -> pb.environment().put(k, v instanceof Secret s ? s.reveal() : (String) v));
    long start = System.nanoTime();
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IOException(
          "cannot start "
              + argv.get(0)
              + (directory == null ? "" : " in " + directory)
              + ": "
              + e.getMessage()
              + " (check the path and that it is executable)",
          e);
    }
    process.getOutputStream().close();
    TailReader out = new TailReader(process.getInputStream(), outputLimit, "stdout");
    TailReader err = new TailReader(process.getErrorStream(), outputLimit, "stderr");
    boolean finished;
    try {
      if (timeout == null) {
        process.waitFor();
        finished = true;
      } else {
        finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      killTree(process);
      throw e;
    }
    if (!finished) {
      killTree(process);
    }
    out.awaitEnd();
    err.awaitEnd();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (!finished) {
      throw new CommandFailedException(
          argv, -1, "timed out after " + timeout + "; process tree killed", err.text());
    }
    int exit = process.exitValue();
    CommandResult result =
        new CommandResult(
            exit,
            out.text(),
            err.text(),
            out.truncated() || err.truncated(),
            Durations.seconds(took));
    if (!successCodes.contains(exit)) {
      throw new CommandFailedException(
          argv, exit, "exited with " + exit + " (success: " + successCodes + ")", err.text());
    }
    return result;
  }

  private static void killTree(Process process) {
    List<ProcessHandle> tree = new ArrayList<>();
    process.descendants().forEach(tree::add);
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What a command printed and how it ended.
   *
   * @param exitCode the exit code
   * @param stdout the tail of standard output
   * @param stderr the tail of standard error
   * @param truncated true if either stream was longer than the cap
   * @param duration seconds it ran
   */
  public record CommandResult(
      @JsonProperty("exit_code") int exitCode,
      String stdout,
      String stderr,
      boolean truncated,
      double duration) {}

  /** Thrown when a command exits with an unexpected code or times out. */
  public static final class CommandFailedException extends FfeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CommandFailedException(List<String> argv, int exitCode, String what, String stderr) {
      super(
          String.join(" ", argv)
              + " "
              + what
              + (stderr.isBlank() ? "" : "; stderr: " + lastLines(stderr, 5)));
      this.exitCode = exitCode;
    }

    /** Returns the exit code, or -1 when the command timed out. */
    public int exitCode() {
      return exitCode;
    }

    private static String lastLines(String text, int n) {
      String[] lines = text.strip().split("\n");
      return String.join(
          "\n", Arrays.asList(lines).subList(Math.max(0, lines.length - n), lines.length));
    }
  }

  /** Reads a stream on its own thread, keeping only the last {@code limit} bytes. */
  private static final class TailReader extends Thread {
    private final InputStream in;
    private final byte[] ring;
    private long total;

    TailReader(InputStream in, int limit, String name) {
      super("ffe-command-" + name);
      this.in = in;
      this.ring = new byte[limit];
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (this) {
            for (int i = 0; i < n && ring.length > 0; i++) {
              ring[(int) ((total + i) % ring.length)] = buf[i];
            }
            total += n;
          }
        }
      } catch (IOException e) {
        // the process was killed or closed its end: keep what was read
      }
    }

    /** Waits for the stream's end; a grandchild holding the pipe open cannot hang us. */
    void awaitEnd() throws InterruptedException {
      join(TimeUnit.SECONDS.toMillis(5));
    }

    synchronized boolean truncated() {
      return total > ring.length;
    }

    synchronized String text() {
      int len = (int) Math.min(total, ring.length);
      byte[] out = new byte[len];
      long startAt = total - len;
      for (int i = 0; i < len; i++) {
        out[i] = ring[(int) ((startAt + i) % ring.length)];
      }
      return new String(out, StandardCharsets.UTF_8);
    }
  }
}
