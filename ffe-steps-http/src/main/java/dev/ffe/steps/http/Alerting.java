package dev.ffe.steps.http;

import dev.ffe.core.StepContext;
import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.Trigger;
import dev.ffe.core.WorkflowStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to notify, like Gatus: an alert fires after {@code failureThreshold} consecutive
 * failing observations (default 1) and resolves after {@code successThreshold} consecutive passing
 * ones (default 1). A fired alert is notified once; while it stays open no further notice is sent
 * unless a reminder interval is set. Resolving sends a resolve notice. An observation fails when
 * its level is at least {@link Builder#failAt(AlertLevel)} (default WARNING).
 *
 * <p>State lives in an {@link AlertStore}, so it survives between scheduled runs of the same
 * monitoring workflow in one process as long as the same store is used. If every channel fails to
 * deliver a fired alert, the next failing observation tries again.
 *
 * <p>Thread-safe: observations of one key are serialized.
 */
public final class Alerting {
  private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);

  private final List<AlertChannel> channels;
  private final int failureThreshold;
  private final int successThreshold;
  private final Optional<Duration> reminderInterval;
  private final AlertLevel failAt;
  private final AlertStore store;

  private Alerting(Builder b) {
    this.channels = List.copyOf(b.channels);
    this.failureThreshold = b.failureThreshold;
    this.successThreshold = b.successThreshold;
    this.reminderInterval = b.reminderInterval;
    this.failAt = b.failAt;
    this.store = b.store;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the store holding this alerting's state. */
  public AlertStore store() {
    return store;
  }

  /**
   * Records an observation of the alert named {@code key} and sends the notice it calls for, if
   * any. Channel failures are logged and listed in the outcome; they do not throw.
   */
  public AlertOutcome observe(String key, String source, CheckResult result, Instant at) {
    Objects.requireNonNull(result, "result == null");
    return observe(key, source, result.level(), result.summary(), result.measurements(), at);
  }

  /**
   * Records an observation given as its parts; see {@link #observe(String, String, CheckResult,
   * Instant)}.
   */
  public AlertOutcome observe(
      String key,
      String source,
      AlertLevel level,
      String message,
      Map<String, Object> values,
      Instant at) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(level, "level == null");
    Objects.requireNonNull(message, "message == null");
    Objects.requireNonNull(values, "values == null");
    Objects.requireNonNull(at, "at == null");
    AlertStore.State s = store.state(key);
    synchronized (s) {
      Optional<Alert.Kind> due = Optional.empty();
      if (level.atLeast(failAt)) {
        s.consecutiveFailures++;
        s.consecutiveSuccesses = 0;
        if (!s.open && s.consecutiveFailures >= failureThreshold) {
          s.open = true;
          s.openLevel = level;
          s.notifiedAt = Optional.empty();
          due = Optional.of(Alert.Kind.TRIGGERED);
        } else if (s.open && s.notifiedAt.isEmpty()) {
          due = Optional.of(Alert.Kind.TRIGGERED); // the first notice was not delivered: retry
        } else if (s.open
            && reminderInterval.isPresent()
            && !at.isBefore(s.notifiedAt.get().plus(reminderInterval.get()))) {
          due = Optional.of(Alert.Kind.REMINDER);
        }
      } else {
        s.consecutiveSuccesses++;
        s.consecutiveFailures = 0;
        if (s.open && s.consecutiveSuccesses >= successThreshold) {
          s.open = false;
          // nobody heard of an alert whose trigger was never delivered, so it needs no resolve
          due = s.notifiedAt.isPresent() ? Optional.of(Alert.Kind.RESOLVED) : Optional.empty();
          s.notifiedAt = Optional.empty();
        }
      }
      List<String> failed = new ArrayList<>();
      if (due.isPresent()) {
        Alert alert = new Alert(key, due.get(), level, source, message, values, at);
        int delivered = 0;
        for (AlertChannel channel : channels) {
          try {
            channel.send(alert);
            delivered++;
          } catch (RuntimeException e) {
            LOG.warn("alert {} not delivered via {}: {}", key, channel.name(), e.getMessage());
            failed.add(
                e instanceof AlertDeliveryException
                    ? e.getMessage()
                    : channel.name() + ": " + e.getMessage());
          }
        }
        if (due.get() != Alert.Kind.RESOLVED && (delivered > 0 || channels.isEmpty())) {
          s.notifiedAt = Optional.of(at);
        }
      }
      return new AlertOutcome(
          key, level, s.open, s.consecutiveFailures, s.consecutiveSuccesses, due, failed);
    }
  }

  /**
   * Returns a step that observes the steps at {@code watchedPaths} (paths from the root, e.g.
   * {@code checks/api-health}) and alerts on them. It runs whatever happened before it ({@link
   * Trigger#ALWAYS}). For each watched step it uses the {@link CheckResult} the step published
   * (also when the step failed); for a step without one, a failure, timeout or cancellation is
   * CRITICAL and a completion is INFO; a step that did not run is left out. Alert keys are {@code
   * workflowName/path}. The step's output is the list of {@link AlertOutcome}s; it fails with an
   * {@link AlertDeliveryException} when a notice could not be delivered.
   */
  public WorkflowStep step(String name, List<String> watchedPaths) {
    List<String> paths = List.copyOf(watchedPaths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException(
          "alert step '" + name + "' watches no steps: name the check steps to alert on");
    }
    return WorkflowStep.task(name, ctx -> observeAll(ctx, paths)).trigger(Trigger.ALWAYS);
  }

  private List<AlertOutcome> observeAll(StepContext ctx, List<String> paths) {
    Map<String, StepResult> finished = new LinkedHashMap<>();
    for (StepResult r : ctx.finishedSteps()) {
      finished.put(r.path(), r);
    }
    List<AlertOutcome> outcomes = new ArrayList<>();
    for (String path : paths) {
      String key = ctx.workflowName() + "/" + path;
      Optional<CheckResult> published = ctx.get(HttpSteps.resultKey(path));
      StepResult stepResult = finished.get(path);
      AlertOutcome outcome;
      if (published.isPresent()) {
        outcome = observe(key, path, published.get(), ctx.now());
      } else if (stepResult != null && stepResult.status() != StepStatus.SKIPPED) {
        boolean ok = stepResult.status() == StepStatus.COMPLETED;
        String message =
            ok
                ? "step " + path + " completed"
                : "step "
                    + path
                    + " "
                    + stepResult
                        .status()
                        .name()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ')
                    + stepResult.error().map(e -> ": " + e).orElse("");
        outcome =
            observe(
                key,
                path,
                ok ? AlertLevel.INFO : AlertLevel.CRITICAL,
                message,
                Map.of(),
                ctx.now());
      } else {
        continue;
      }
      outcomes.add(outcome);
    }
    List<String> failed = new ArrayList<>();
    outcomes.forEach(o -> failed.addAll(o.failedChannels()));
    if (!failed.isEmpty()) {
      throw new AlertDeliveryException(
          "alerting", "notices not delivered: " + String.join("; ", failed));
    }
    return List.copyOf(outcomes);
  }

  /**
   * Configures {@link Alerting}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final List<AlertChannel> channels = new ArrayList<>();
    private int failureThreshold = 1;
    private int successThreshold = 1;
    private Optional<Duration> reminderInterval = Optional.empty();
    private AlertLevel failAt = AlertLevel.WARNING;
    private AlertStore store = AlertStore.create();

    private Builder() {}

    /** Adds a channel that receives every notice. */
    public Builder channel(AlertChannel channel) {
      channels.add(Objects.requireNonNull(channel, "channel == null"));
      return this;
    }

    /** Sets how many failing observations in a row fire the alert; default 1. */
    public Builder failureThreshold(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("failure threshold is " + n + ": use 1 or more");
      }
      this.failureThreshold = n;
      return this;
    }

    /** Sets how many passing observations in a row resolve the alert; default 1. */
    public Builder successThreshold(int m) {
      if (m < 1) {
        throw new IllegalArgumentException("success threshold is " + m + ": use 1 or more");
      }
      this.successThreshold = m;
      return this;
    }

    /**
     * Sends a reminder when an alert has been open this long since its last notice; default none.
     */
    public Builder reminderInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval == null");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "reminder interval is " + interval + ": use a positive duration such as 1h");
      }
      this.reminderInterval = Optional.of(interval);
      return this;
    }

    /** Sets the level from which an observation counts as failing; default WARNING. */
    public Builder failAt(AlertLevel level) {
      this.failAt = Objects.requireNonNull(level, "level == null");
      return this;
    }

    /** Keeps state in {@code store}; default a new store owned by this alerting. */
    public Builder store(AlertStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /** Builds the alerting. */
    public Alerting build() {
      return new Alerting(this);
    }
  }
}
