package dev.ffe.examples;

import dev.ffe.core.Backoff;
import dev.ffe.core.Durations;
import dev.ffe.core.ErrorAction;
import dev.ffe.core.StepParameters;
import dev.ffe.core.StepProvider;
import dev.ffe.core.StepType;
import dev.ffe.core.Trigger;
import dev.ffe.core.WorkflowStep;
import dev.ffe.examples.internal.CommandStepProvider;
import dev.ffe.examples.internal.Located;
import dev.ffe.examples.internal.LocatedParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads workflows from YAML ({@code .yaml}, {@code .yml}) and JSON ({@code .json}) files into the
 * same {@link WorkflowStep} tree the Java DSL builds. Action types come from every {@link
 * StepProvider} on the class path plus the built-in {@code command} type. Any problem (syntax, an
 * unknown field or action type, a wrong value) is a {@link WorkflowFileException} naming file, line
 * and column; nothing is returned half-built.
 *
 * <pre>{@code
 * WorkflowStep workflow = WorkflowFiles.create().load(Path.of("workflows/custom.yaml"));
 * }</pre>
 *
 * <p>Immutable and thread-safe. The format is described in {@code docs/WORKFLOW-FILES.md}.
 */
public final class WorkflowFiles {
  /** The fields a step may have, in the order the docs list them. */
  public static final List<String> STEP_FIELDS =
      List.of(
          "name",
          "description",
          "type",
          "steps",
          "action",
          "retries",
          "backoff",
          "timeout",
          "delay",
          "on_error",
          "trigger",
          "compensate");

  private static final List<String> BACKOFF_FIELDS = List.of("base", "factor", "cap", "jitter");
  private static final Pattern PARAMETER = Pattern.compile("parameter '([^']+)'");
  private static final Pattern UNKNOWN = Pattern.compile("unknown parameter\\(s\\) \\[([^],]+)");

  private final Map<String, StepProvider> providers;
  private final LocatedParser parser;

  private WorkflowFiles(Map<String, StepProvider> providers, Function<String, String> env) {
    this.providers = providers;
    this.parser = new LocatedParser(env);
  }

  /** Returns a loader using the process environment and every provider on the class path. */
  public static WorkflowFiles create() {
    return builder().build();
  }

  /** Returns a builder starting from the process environment and the class path's providers. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the action types this loader accepts, sorted. */
  public Set<String> actionTypes() {
    return Set.copyOf(providers.keySet());
  }

  /** Returns the action types with the provider class that makes each, sorted by type. */
  public Map<String, String> actionTypeProviders() {
    Map<String, String> out = new TreeMap<>();
    providers.forEach((type, p) -> out.put(type, p.getClass().getName()));
    return out;
  }

  /**
   * Reads and converts a workflow file.
   *
   * @throws WorkflowFileException naming file, line and column when the file is wrong or unreadable
   */
  public WorkflowStep load(Path file) {
    Objects.requireNonNull(file, "file == null");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WorkflowFileException(
          file.toString(),
          0,
          0,
          "cannot read the file ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "): check the path");
    }
    return parse(file.toString(), text);
  }

  /**
   * Converts workflow text; {@code fileName} names it in errors and picks the syntax ({@code .json}
   * is JSON, anything else YAML).
   *
   * @throws WorkflowFileException naming file, line and column when the text is wrong
   */
  public WorkflowStep parse(String fileName, String text) {
    Objects.requireNonNull(fileName, "fileName == null");
    Objects.requireNonNull(text, "text == null");
    Located root = parser.parse(fileName, text);
    return new Conversion(fileName).step(root, "the workflow");
  }

  /** Converts located values to steps; one instance per file. */
  private final class Conversion {
    private final String file;

    Conversion(String file) {
      this.file = file;
    }

    private WorkflowFileException error(Located at, String problem) {
      return new WorkflowFileException(file, at.line(), at.column(), problem);
    }

    WorkflowStep step(Located node, String what) {
      if (!(node.value() instanceof Located.Fields fields)) {
        throw error(
            node,
            what
                + " should be a map with at least 'name' and 'action' or 'steps', got "
                + node.kind());
      }
      Map<String, Located> f = fields.values();
      for (String key : f.keySet()) {
        if (!STEP_FIELDS.contains(key)) {
          throw error(
              fields.keyLocation(key),
              "unknown field '"
                  + key
                  + "' in "
                  + what
                  + suggestion(key, STEP_FIELDS)
                  + "; accepted: "
                  + String.join(", ", STEP_FIELDS));
        }
      }
      Located nameNode = f.get("name");
      if (nameNode == null) {
        throw error(node, what + " has no 'name': give every step a name");
      }
      String name = text(nameNode, "'name'");
      String here = "step '" + name + "'";
      if (f.containsKey("description")) {
        text(f.get("description"), "'description' of " + here);
      }
      WorkflowStep step;
      try {
        step = shape(node, f, name, here);
      } catch (WorkflowFileException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw error(nameNode, e.getMessage());
      }
      return settings(step, f, here);
    }

    private WorkflowStep shape(Located node, Map<String, Located> f, String name, String here) {
      Located action = f.get("action");
      Located steps = f.get("steps");
      Located type = f.get("type");
      if (action != null && steps != null) {
        throw error(action, here + " has both 'action' and 'steps': a step is a leaf or a group");
      }
      if (action != null) {
        if (type != null) {
          throw error(
              type,
              here
                  + " has an 'action', so it is a leaf: remove 'type' (sequential|parallel is for"
                  + " groups)");
        }
        return action(action, name, here);
      }
      if (steps == null) {
        throw error(node, here + " has neither 'action' nor 'steps': give it one of them");
      }
      StepType groupType = StepType.SEQUENTIAL;
      if (type != null) {
        groupType =
            choice(type, "'type' of " + here, List.of("sequential", "parallel")).equals("parallel")
                ? StepType.PARALLEL
                : StepType.SEQUENTIAL;
      }
      if (!(steps.value() instanceof List<?> list) || list.isEmpty()) {
        throw error(
            steps,
            "'steps' of " + here + " should be a non-empty list of steps, got " + kind(steps));
      }
      List<WorkflowStep> children = new ArrayList<>();
      Map<String, Located> seen = new LinkedHashMap<>();
      for (Object o : list) {
        Located child = (Located) o;
        WorkflowStep built = step(child, "a step of " + here);
        Located previous = seen.put(built.name(), child);
        if (previous != null) {
          throw error(
              child,
              "step name '"
                  + built.name()
                  + "' is used twice in "
                  + here
                  + " (first at line "
                  + previous.line()
                  + "): names must be unique among siblings");
        }
        children.add(built);
      }
      return WorkflowStep.group(name, groupType, children);
    }

    private String kind(Located l) {
      return l.value() instanceof List<?> list && list.isEmpty() ? "an empty list" : l.kind();
    }

    private WorkflowStep action(Located node, String name, String here) {
      if (!(node.value() instanceof Located.Fields fields)) {
        throw error(
            node,
            "'action' of "
                + here
                + " should be a map like {type: command, argv: [...]}, got "
                + node.kind());
      }
      Located typeNode = fields.values().get("type");
      if (typeNode == null) {
        throw error(
            node,
            "'action' of "
                + here
                + " has no 'type': add one of "
                + String.join(", ", new TreeMap<>(providers).keySet()));
      }
      String type = text(typeNode, "'type' of the action of " + here);
      StepProvider provider = providers.get(type);
      if (provider == null) {
        throw error(
            typeNode,
            "unknown action type '"
                + type
                + "' in "
                + here
                + suggestion(type, providers.keySet())
                + "; accepted: "
                + String.join(", ", new TreeMap<>(providers).keySet()));
      }
      Map<String, Object> raw = new LinkedHashMap<>();
      fields.values().forEach((k, v) -> raw.put(k, v.plain()));
      raw.remove("type");
      StepParameters parameters = new StepParameters(here + " (" + type + ")", raw);
      try {
        WorkflowStep step = provider.create(type, name, parameters);
        parameters.requireAllUsed();
        if (!step.name().equals(name)) {
          throw error(
              node,
              "action type '"
                  + type
                  + "' renamed step '"
                  + name
                  + "': a bug in "
                  + provider.getClass().getName());
        }
        return step;
      } catch (WorkflowFileException e) {
        throw e;
      } catch (RuntimeException e) {
        throw error(
            parameterLocation(fields, e.getMessage(), node), String.valueOf(e.getMessage()));
      }
    }

    /** Points at the parameter a provider's message names, when it names one that is present. */
    private Located parameterLocation(Located.Fields fields, String message, Located fallback) {
      if (message == null) {
        return fallback;
      }
      for (Pattern pattern : List.of(UNKNOWN, PARAMETER)) {
        Matcher m = pattern.matcher(message);
        if (m.find()) {
          String key = m.group(1).trim();
          if (fields.values().containsKey(key)) {
            return pattern == UNKNOWN ? fields.keyLocation(key) : fields.values().get(key);
          }
        }
      }
      return fallback;
    }

    private WorkflowStep settings(WorkflowStep step, Map<String, Located> f, String here) {
      Located at = null;
      try {
        if ((at = f.get("retries")) != null) {
          step = step.retries((int) wholeNumber(at, "'retries' of " + here, 0, 1000));
        }
        if ((at = f.get("backoff")) != null) {
          step = step.backoff(backoff(at, here));
        }
        if ((at = f.get("timeout")) != null) {
          step = step.timeout(duration(at, "'timeout' of " + here));
        }
        if ((at = f.get("delay")) != null) {
          step = step.delay(duration(at, "'delay' of " + here));
        }
        if ((at = f.get("on_error")) != null) {
          String v = choice(at, "'on_error' of " + here, List.of("fail", "continue", "retry"));
          step = step.onError(ErrorAction.valueOf(v.toUpperCase(Locale.ROOT)));
        }
        if ((at = f.get("trigger")) != null) {
          String v =
              choice(at, "'trigger' of " + here, List.of("all_success", "always", "on_failure"));
          step = step.trigger(Trigger.valueOf(v.toUpperCase(Locale.ROOT)));
        }
        if ((at = f.get("compensate")) != null) {
          step = step.compensateWith(step(at, "the 'compensate' step of " + here));
        }
      } catch (WorkflowFileException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw error(at, e.getMessage());
      }
      return step;
    }

    private Backoff backoff(Located node, String here) {
      String what = "'backoff' of " + here;
      if (!(node.value() instanceof Located.Fields fields)) {
        throw error(
            node,
            what + " should be a map like {base: 1s, factor: 2, cap: 1m}, got " + node.kind());
      }
      for (String key : fields.values().keySet()) {
        if (!BACKOFF_FIELDS.contains(key)) {
          throw error(
              fields.keyLocation(key),
              "unknown field '"
                  + key
                  + "' in "
                  + what
                  + suggestion(key, BACKOFF_FIELDS)
                  + "; accepted: "
                  + String.join(", ", BACKOFF_FIELDS));
        }
      }
      Map<String, Located> f = fields.values();
      Duration base = Backoff.DEFAULT.base();
      double factor = Backoff.DEFAULT.factor();
      Duration cap = Backoff.DEFAULT.cap();
      double jitter = 0;
      Located at = node;
      try {
        if ((at = f.get("base")) != null) {
          base = duration(at, "'base' of " + what);
        }
        if ((at = f.get("factor")) != null) {
          factor = number(at, "'factor' of " + what);
        }
        if ((at = f.get("cap")) != null) {
          cap = duration(at, "'cap' of " + what);
        }
        if ((at = f.get("jitter")) != null) {
          jitter = number(at, "'jitter' of " + what);
        }
        at = node;
        Backoff b = Backoff.exponential(base, factor, cap);
        return jitter == 0 ? b : b.withJitter(jitter);
      } catch (WorkflowFileException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw error(at == null ? node : at, what + ": " + e.getMessage());
      }
    }

    private String text(Located node, String what) {
      if (node.value() instanceof String s && !s.isBlank()) {
        return s;
      }
      throw error(node, what + " should be a non-empty text, got " + node.kind());
    }

    private String choice(Located node, String what, List<String> accepted) {
      if (node.value() instanceof String s) {
        String v = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (accepted.contains(v)) {
          return v;
        }
      }
      throw error(
          node, what + " should be one of " + String.join(", ", accepted) + ", got " + node.kind());
    }

    private long wholeNumber(Located node, String what, long min, long max) {
      if (node.value() instanceof Long n && n >= min && n <= max) {
        return n;
      }
      throw error(
          node,
          what + " should be a whole number from " + min + " to " + max + ", got " + node.kind());
    }

    private double number(Located node, String what) {
      if (node.value() instanceof Number n) {
        return n.doubleValue();
      }
      throw error(node, what + " should be a number, got " + node.kind());
    }

    private Duration duration(Located node, String what) {
      if (node.value() instanceof Number n) {
        return Durations.ofSeconds(n.doubleValue());
      }
      if (node.value() instanceof String s) {
        try {
          return Durations.parse(s);
        } catch (IllegalArgumentException e) {
          // reported below with the accepted forms
        }
      }
      throw error(
          node, what + " should be a duration like 500ms, 10s, 2m or 1h, got " + node.kind());
    }
  }

  /** Returns " (did you mean 'x'?)" for the closest accepted word, or "" when nothing is close. */
  static String suggestion(String given, java.util.Collection<String> accepted) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String a : accepted) {
      int d = distance(given.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = a;
      }
    }
    return best != null && bestDistance <= Math.max(2, given.length() / 3)
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Collects a {@link WorkflowFiles}' settings. Not thread-safe. */
  public static final class Builder {
    private Function<String, String> environment = System::getenv;
    private final Map<String, StepProvider> providers = new LinkedHashMap<>();
    private boolean classPath = true;

    private Builder() {}

    /** Looks {@code ${NAME}} up in {@code environment} instead of the process environment. */
    public Builder environment(Map<String, String> environment) {
      Map<String, String> copy = Map.copyOf(environment);
      this.environment = copy::get;
      return this;
    }

    /** Adds a provider; its types take precedence over class-path providers of the same type. */
    public Builder provider(StepProvider provider) {
      Objects.requireNonNull(provider, "provider == null");
      for (String type : provider.types()) {
        providers.put(type, provider);
      }
      return this;
    }

    /** Skips ServiceLoader discovery, so only {@code command} and added providers are known. */
    public Builder withoutClassPathProviders() {
      this.classPath = false;
      return this;
    }

    /**
     * Builds the loader.
     *
     * @throws IllegalStateException when two class-path providers claim the same action type
     */
    public WorkflowFiles build() {
      Map<String, StepProvider> all = new LinkedHashMap<>();
      CommandStepProvider command = new CommandStepProvider();
      all.put(CommandStepProvider.TYPE, command);
      if (classPath) {
        for (StepProvider p : ServiceLoader.load(StepProvider.class)) {
          for (String type : p.types()) {
            StepProvider clash = all.put(type, p);
            if (clash != null && clash != command) {
              throw new IllegalStateException(
                  "action type '"
                      + type
                      + "' is claimed by both "
                      + clash.getClass().getName()
                      + " and "
                      + p.getClass().getName()
                      + ": remove one of the jars");
            }
          }
        }
      }
      all.putAll(providers);
      return new WorkflowFiles(Map.copyOf(all), environment);
    }
  }

  @Override
  public String toString() {
    return "WorkflowFiles"
        + Arrays.toString(
            providers.keySet().stream().sorted().collect(Collectors.toList()).toArray());
  }
}
