package dev.ffe.steps.http;

import java.util.Map;

/**
 * The common face of every check's result, which {@link Alerting} reads: a level, a one-line
 * summary and the measured values.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface CheckResult {

  /** Returns how serious the outcome is. */
  AlertLevel level();

  /** Returns a one-line description of the outcome, with the measured values that matter. */
  String summary();

  /** Returns the measured values by name (e.g. {@code latency_ms}), for alerts. */
  Map<String, Object> measurements();
}
