package dev.ffe.steps.http;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the state of each alert (consecutive failures and successes, open or not, when last
 * notified) so that it survives between scheduled runs of the same monitoring workflow in one
 * process. Several {@link Alerting}s may share one store when their keys differ.
 *
 * <p>Thread-safe.
 */
public final class AlertStore {
  private static final AlertStore SHARED = new AlertStore();

  private final Map<String, State> states = new ConcurrentHashMap<>();

  private AlertStore() {}

  /** Returns a new, empty store. */
  public static AlertStore create() {
    return new AlertStore();
  }

  /**
   * Returns the process-wide store, used by workflow-file alert steps; their keys start with the
   * workflow's name.
   */
  public static AlertStore shared() {
    return SHARED;
  }

  /** True if the alert named {@code key} is open (fired and not yet resolved). */
  public boolean isOpen(String key) {
    State s = states.get(key);
    return s != null && s.open;
  }

  /** Forgets every alert. */
  public void clear() {
    states.clear();
  }

  State state(String key) {
    return states.computeIfAbsent(key, k -> new State());
  }

  /** The mutable state of one alert; guarded by its own monitor. */
  static final class State {
    int consecutiveFailures;
    int consecutiveSuccesses;
    boolean open;
    AlertLevel openLevel = AlertLevel.INFO;
    Optional<Instant> notifiedAt = Optional.empty();
  }
}
