package dev.ffe.examples;

import dev.ffe.core.WorkflowStep;
import dev.ffe.examples.internal.DemoService;
import dev.ffe.steps.http.ApiProbe;
import dev.ffe.steps.http.LoadTask;
import dev.ffe.steps.http.LoadTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The seed's performance workflow against a demo service on loopback: an API probe of 100 requests
 * per endpoint with latency thresholds, then a short load test with thresholds.
 *
 * <p>Thread-safe; close it to stop the demo service.
 */
public final class PerformanceExample implements Example {
  /** The description {@code ffe list} shows. */
  public static final String DESCRIPTION =
      "API probe (100 requests per endpoint) and a 2 s load test, both with thresholds";

  /** Requests the probe sends to each endpoint. */
  public static final int REQUESTS_PER_ENDPOINT = 100;

  /** How long the load test runs. */
  public static final Duration LOAD_DURATION = Duration.ofSeconds(2);

  private final DemoService service;
  private final WorkflowStep workflow;

  private PerformanceExample(Path workDir) {
    this.service = DemoService.start(workDir.resolve("service"));
    this.workflow =
        WorkflowStep.sequential(
            "performance",
            ApiProbe.builder()
                .endpoint("health", service.url("/health"))
                .endpoint("users", service.url("/api/users"))
                .endpoint("orders", service.url("/api/orders"))
                .requestsPerEndpoint(REQUESTS_PER_ENDPOINT)
                .threshold("p95<1s")
                .threshold("errors==0")
                .build()
                .step("api-probe"),
            LoadTest.builder(service.baseUrl())
                .task(LoadTask.get("users", "/api/users"))
                .task(LoadTask.get("orders", "/api/orders"))
                .closedModel(10, 10)
                .duration(LOAD_DURATION)
                .threshold("error_rate<1%")
                .threshold("p95<500ms")
                .build()
                .step("load-test"));
  }

  /** Opens the example with its demo service under {@code workDir}. */
  public static PerformanceExample open(Path workDir) {
    return new PerformanceExample(Objects.requireNonNull(workDir, "workDir == null"));
  }

  @Override
  public String name() {
    return "performance";
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
