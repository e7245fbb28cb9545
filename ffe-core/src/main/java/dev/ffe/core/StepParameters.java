package dev.ffe.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of one action in a workflow file, with typed getters whose errors name the step,
 * the parameter and the accepted form. Records which parameters were read so that {@link
 * #requireAllUsed()} can reject unknown (misspelt) ones.
 *
 * <p>Not thread-safe: one instance belongs to one {@link StepProvider#create} call.
 */
public final class StepParameters {
  private final String where;
  private final Map<String, Object> values;
  private final Set<String> used = new TreeSet<>();

  /**
   * Wraps raw values.
   *
   * @param where names the action in messages, e.g. {@code step 'backup' (http.health-check)}
   */
  public StepParameters(String where, Map<String, ?> values) {
    this.where = Objects.requireNonNull(where, "where == null");
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Returns the raw values. */
  public Map<String, Object> asMap() {
    return values;
  }

  private Optional<Object> raw(String name) {
    used.add(name);
    return Optional.ofNullable(values.get(name));
  }

  private IllegalArgumentException wrong(String name, String expected, Object got) {
    return new IllegalArgumentException(
        where + ": parameter '" + name + "' should be " + expected + ", got '" + got + "'");
  }

  private IllegalArgumentException missing(String name, String expected) {
    return new IllegalArgumentException(
        where + ": parameter '" + name + "' is missing: add it (" + expected + ")");
  }

  /** Returns a text parameter, if given. */
  public Optional<String> string(String name) {
    return raw(name)
        .map(
            v ->
                v instanceof String || v instanceof Number || v instanceof Boolean
                    ? String.valueOf(v)
                    : throwWrong(name, "a text", v));
  }

  private <T> T throwWrong(String name, String expected, Object got) {
    throw wrong(name, expected, got);
  }

  /** Returns a required text parameter. */
  public String requireString(String name) {
    return string(name).orElseThrow(() -> missing(name, "a text"));
  }

  /** Returns a whole-number parameter, or {@code fallback}. */
  public long integer(String name, long fallback) {
    return raw(name)
        .map(
            v -> {
              if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.longValue();
              }
              if (v instanceof String s) {
                try {
                  return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                  throw wrong(name, "a whole number", v);
                }
              }
              throw wrong(name, "a whole number", v);
            })
        .orElse(fallback);
  }

  /** Returns a decimal-number parameter, or {@code fallback}. */
  public double number(String name, double fallback) {
    return raw(name)
        .map(
            v -> {
              if (v instanceof Number n) {
                return n.doubleValue();
              }
              try {
                return Double.parseDouble(String.valueOf(v).trim());
              } catch (NumberFormatException e) {
                throw wrong(name, "a number", v);
              }
            })
        .orElse(fallback);
  }

  /** Returns a true/false parameter, or {@code fallback}. */
  public boolean bool(String name, boolean fallback) {
    return raw(name)
        .map(
            v -> {
              if (v instanceof Boolean b) {
                return b;
              }
              if ("true".equals(v) || "false".equals(v)) {
                return Boolean.parseBoolean((String) v);
              }
              throw wrong(name, "true or false", v);
            })
        .orElse(fallback);
  }

  /** Returns a duration parameter ({@code 500ms}, {@code 10s}, {@code 2m}), or {@code fallback}. */
  public Duration duration(String name, Duration fallback) {
    return raw(name)
        .map(
            v -> {
              try {
                return v instanceof Number n
                    ? Durations.ofSeconds(n.doubleValue())
                    : Durations.parse(String.valueOf(v));
              } catch (IllegalArgumentException e) {
                throw wrong(name, "a duration like 500ms, 10s or 2m", v);
              }
            })
        .orElse(fallback);
  }

  /** Returns a list-of-texts parameter (a single text counts as a list of one); empty if absent. */
  public List<String> strings(String name) {
    return raw(name)
        .map(
            v -> {
              if (v instanceof List<?> list) {
                List<String> out = new ArrayList<>();
                for (Object o : list) {
                  out.add(String.valueOf(o));
                }
                return List.copyOf(out);
              }
              return List.of(String.valueOf(v));
            })
        .orElse(List.of());
  }

  /** Returns a map parameter (for headers, labels, environment); empty if absent. */
  public Map<String, String> stringMap(String name) {
    return raw(name)
        .map(
            v -> {
              if (!(v instanceof Map<?, ?> m)) {
                throw wrong(name, "a map of names to values", v);
              }
              Map<String, String> out = new LinkedHashMap<>();
              m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
              return Collections.unmodifiableMap(out);
            })
        .orElse(Map.of());
  }

  /**
   * Fails if a parameter was given that no getter asked for: a misspelt name would otherwise be
   * silently ignored.
   */
  public void requireAllUsed() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(used);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          where + ": unknown parameter(s) " + unknown + "; accepted: " + used);
    }
  }
}
