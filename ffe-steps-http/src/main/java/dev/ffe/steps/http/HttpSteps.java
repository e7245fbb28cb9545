package dev.ffe.steps.http;

import dev.ffe.core.ContextKey;
import java.util.Objects;

/**
 * Shortcuts for the steps of this module, and the context keys under which check steps publish
 * their results.
 *
 * <p>Thread-safe: stateless.
 */
public final class HttpSteps {
  private HttpSteps() {}

  /**
   * Returns the key under which the check step at {@code stepPath} publishes its {@link
   * CheckResult}, even when it fails; {@link Alerting#step(String, java.util.List)} reads it.
   */
  public static ContextKey<CheckResult> resultKey(String stepPath) {
    Objects.requireNonNull(stepPath, "stepPath == null");
    return ContextKey.of("http.result:" + stepPath, CheckResult.class);
  }
}
