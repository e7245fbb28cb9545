package dev.ffe.steps.http;

import dev.ffe.core.ContextKey;
import dev.ffe.core.WorkflowStep;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Shortcuts for the common steps of this module, and the context keys under which check steps
 * publish their results.
 *
 * <pre>{@code
 * WorkflowStep monitoring = WorkflowStep.sequential("monitoring",
 *     HttpSteps.healthCheck("api-health", "https://api.example.com/health"),
 *     HttpSteps.tlsCheck("api-tls", "https://api.example.com"),
 *     alerting.step("alert", List.of("api-health", "api-tls")));
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class HttpSteps {
  private HttpSteps() {}

  /**
   * Returns the key under which the check step at {@code stepPath} publishes its {@link
   * CheckResult}, even when it fails; {@link Alerting#step(String, List)} reads it.
   */
  public static ContextKey<CheckResult> resultKey(String stepPath) {
    Objects.requireNonNull(stepPath, "stepPath == null");
    return ContextKey.of("http.result:" + stepPath, CheckResult.class);
  }

  /** Returns a health-check step for {@code url} with the seed's defaults (200, 10 s, 2 s/5 s). */
  public static WorkflowStep healthCheck(String name, String url) {
    return HealthCheck.builder(url).build().step(name);
  }

  /** Returns a health-check step that first waits {@code initialWait} on the workflow clock. */
  public static WorkflowStep healthCheckAfter(String name, String url, Duration initialWait) {
    return healthCheck(name, url).delay(initialWait);
  }

  /** Returns a TLS check of an {@code https://} URL, warning 30 days before expiry. */
  public static WorkflowStep tlsCheck(String name, String httpsUrl) {
    return TlsCertificateCheck.forUrl(httpsUrl).build().step(name);
  }

  /** Returns the seed's performance test: 100 sequential requests per endpoint. */
  public static WorkflowStep apiProbe(String name, List<ApiEndpoint> endpoints) {
    ApiProbe.Builder b = ApiProbe.builder();
    endpoints.forEach(b::endpoint);
    return b.build().step(name);
  }
}
