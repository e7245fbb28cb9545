package dev.ffe.examples;

import dev.ffe.core.ErrorAction;
import dev.ffe.core.Secret;
import dev.ffe.core.WorkflowStep;
import dev.ffe.examples.internal.DemoFiles;
import dev.ffe.examples.internal.DemoService;
import dev.ffe.steps.http.Alerting;
import dev.ffe.steps.http.HealthCheck;
import dev.ffe.steps.http.LogChannel;
import dev.ffe.steps.http.ResponseTimeGrading;
import dev.ffe.steps.http.WebhookChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The seed's monitoring workflow against a demo service on loopback: health checks in parallel,
 * graded by response time (over 2 s WARNING, over 5 s CRITICAL), then an alerting step that
 * notifies a webhook and the log when a check fails.
 *
 * <p>Thread-safe; close it to stop the demo service.
 */
public final class MonitoringExample implements Example {
  /** The description {@code ffe list} shows. */
  public static final String DESCRIPTION =
      "parallel health checks graded by latency, alerts to a webhook and the log";

  private final DemoService service;
  private final WorkflowStep workflow;

  private MonitoringExample(Path workDir) {
    this.service = DemoService.start(workDir.resolve("service"));
    ResponseTimeGrading grading =
        new ResponseTimeGrading(Duration.ofSeconds(2), Duration.ofSeconds(5));
    Alerting alerting =
        Alerting.builder()
            .channel(WebhookChannel.to(Secret.of(service.url("/alerts"))))
            .channel(LogChannel.create())
            .build();
    this.workflow =
        WorkflowStep.sequential(
            "monitoring",
            WorkflowStep.parallel(
                    "checks",
                    check("service-health", service.url("/health"), grading),
                    check("users-api", service.url("/api/users"), grading),
                    check("orders-api", service.url("/api/orders"), grading))
                .onError(ErrorAction.CONTINUE),
            alerting.step(
                "alerts",
                List.of("checks/service-health", "checks/users-api", "checks/orders-api")));
  }

  private static WorkflowStep check(String name, String url, ResponseTimeGrading grading) {
    return HealthCheck.builder(url)
        .grading(grading)
        .timeout(Duration.ofSeconds(10))
        .build()
        .step(name)
        .retries(1);
  }

  /** Opens the example with its demo service under {@code workDir}. */
  public static MonitoringExample open(Path workDir) {
    return new MonitoringExample(Objects.requireNonNull(workDir, "workDir == null"));
  }

  /** Makes the demo service report unhealthy (503) or healthy again. */
  public void simulateOutage(boolean down) {
    Path marker = service.directory().resolve("down");
    try {
      if (down) {
        DemoFiles.write(marker, "down\n");
      } else {
        Files.deleteIfExists(marker);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot change " + marker, e);
    }
  }

  /** Returns the alert notices the demo webhook received. */
  public List<String> receivedAlerts() {
    return service.alerts();
  }

  @Override
  public String name() {
    return "monitoring";
  }

  @Override
  public String description() {
    return DESCRIPTION;
  }

  @Override
  public WorkflowStep workflow() {
    return workflow;
  }

  @Override
  public void close() {
    service.close();
  }
}
