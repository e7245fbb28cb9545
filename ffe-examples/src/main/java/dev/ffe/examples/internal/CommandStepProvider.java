package dev.ffe.examples.internal;

import dev.ffe.core.Command;
import dev.ffe.core.Secret;
import dev.ffe.core.StepParameters;
import dev.ffe.core.StepProvider;
import dev.ffe.core.WorkflowStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The built-in {@code command} action type: runs an external program with {@link Command}.
 * Parameters: {@code argv} (list, required), {@code dir}, {@code env} (map; values are treated as
 * secrets), {@code timeout}, {@code success-exit-codes} (list of whole numbers).
 *
 * <p>Stateless and thread-safe.
 */
public final class CommandStepProvider implements StepProvider {
  /** The action type this provider makes. */
  public static final String TYPE = "command";

  @Override
  public Set<String> types() {
    return Set.of(TYPE);
  }

  @Override
  public WorkflowStep create(String type, String stepName, StepParameters p) {
    List<String> argv = p.strings("argv");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException(
          "step '" + stepName + "' (command): parameter 'argv' is missing: add it (a list)");
    }
    Command command = Command.of(argv);
    String dir = p.string("dir").orElse(null);
    if (dir != null) {
      command = command.directory(Path.of(dir));
    }
    for (var e : p.stringMap("env").entrySet()) {
      // Values often come from ${SECRET} substitution; never let them reach a log or result.
      command = command.env(e.getKey(), Secret.of(e.getValue()));
    }
    Duration timeout = p.duration("timeout", null);
    if (timeout != null) {
      command = command.timeout(timeout);
    }
    List<String> codes = p.strings("success-exit-codes");
    if (!codes.isEmpty()) {
      int[] parsed = new int[codes.size()];
      for (int i = 0; i < parsed.length; i++) {
        try {
          parsed[i] = Integer.parseInt(codes.get(i).trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "step '"
                  + stepName
                  + "' (command): parameter 'success-exit-codes' should be a list of whole"
                  + " numbers, got '"
                  + codes.get(i)
                  + "'",
              e);
        }
      }
      command = command.successExitCodes(parsed);
    }
    p.requireAllUsed();
    return command.step(stepName);
  }
}
