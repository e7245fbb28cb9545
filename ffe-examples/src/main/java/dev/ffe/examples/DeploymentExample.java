package dev.ffe.examples;

import dev.ffe.core.Command;
import dev.ffe.core.ErrorAction;
import dev.ffe.core.Secret;
import dev.ffe.core.WorkflowStep;
import dev.ffe.examples.internal.DemoFiles;
import dev.ffe.examples.internal.DemoService;
import dev.ffe.steps.aws.BackupSpec;
import dev.ffe.steps.aws.BackupSteps;
import dev.ffe.steps.aws.Backups;
import dev.ffe.steps.aws.LocalTarget;
import dev.ffe.steps.http.Alert;
import dev.ffe.steps.http.AlertLevel;
import dev.ffe.steps.http.ApiProbe;
import dev.ffe.steps.http.HealthCheck;
import dev.ffe.steps.http.LogChannel;
import dev.ffe.steps.http.WebhookChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The seed's deployment workflow against a demo service on loopback: back up the data directory and
 * check health in parallel, deploy a new version with a shell script (rolled back if the workflow
 * fails), then notify through a webhook and a log channel and watch health and API latency.
 *
 * <p>Thread-safe; close it to stop the demo service.
 */
public final class DeploymentExample implements Example {
  /** The description {@code ffe list} shows. */
  public static final String DESCRIPTION =
      "backup + health check in parallel, scripted deploy with rollback, monitoring, notify"
          + " (always, reporting success or the rollback)";

  /** The version the example deploys unless told otherwise. */
  public static final String DEFAULT_VERSION = "2.0.0";

  private final DemoService service;
  private final WorkflowStep workflow;

  private DeploymentExample(Path workDir, String version) {
    this.service = DemoService.start(workDir.resolve("service"));
    try {
      this.workflow = build(workDir, version);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /** Opens the example deploying {@link #DEFAULT_VERSION}, with its files under {@code workDir}. */
  public static DeploymentExample open(Path workDir) {
    return open(workDir, DEFAULT_VERSION);
  }

  /**
   * Opens the example deploying {@code version}; a version that is not {@code MAJOR.MINOR.PATCH}
   * makes the deploy script fail half-way, which shows the rollback.
   */
  public static DeploymentExample open(Path workDir, String version) {
    Objects.requireNonNull(workDir, "workDir == null");
    Objects.requireNonNull(version, "version == null");
    return new DeploymentExample(workDir, version);
  }

  private WorkflowStep build(Path workDir, String version) {
    Path data = DemoFiles.dataDirectory(workDir.resolve("data"));
    Backups backups =
        Backups.builder(
                BackupSpec.builder("app-data").source(data).build(),
                LocalTarget.of(workDir.resolve("backups")))
            .build();
    Path deploy =
        DemoFiles.script(
            workDir.resolve("scripts/deploy.sh"),
            "cp version version.previous\n"
                + "echo \"$1\" > version\n"
                + "case \"$1\" in\n"
                + "  [0-9]*.[0-9]*.[0-9]*) echo \"deployed $1\" ;;\n"
                + "  *) echo \"release manifest for '$1' is invalid\" >&2; exit 3 ;;\n"
                + "esac\n");
    Path rollback =
        DemoFiles.script(
            workDir.resolve("scripts/rollback.sh"),
            "mv version.previous version\necho \"rolled back to $(cat version)\"\n");
    HealthCheck health =
        HealthCheck.builder(service.url("/health")).timeout(Duration.ofSeconds(5)).build();

    return WorkflowStep.sequential(
        "deployment",
        WorkflowStep.parallel(
            "pre-deployment",
            BackupSteps.full("backup", backups).timeout(Duration.ofMinutes(5)).retries(2),
            health.step("health-check").retries(3)),
        Command.of("sh", deploy.toString(), version)
            .directory(service.directory())
            .timeout(Duration.ofMinutes(1))
            .step("deploy")
            .compensateWith(
                Command.of("sh", rollback.toString())
                    .directory(service.directory())
                    .step("rollback")),
        WorkflowStep.parallel(
            "post-deployment",
            WorkflowStep.parallel(
                "monitoring",
                HealthCheck.builder(service.url("/health"))
                    .expectBodyContains(version)
                    .build()
                    .step("health"),
                ApiProbe.builder()
                    .endpoint("users", service.url("/api/users"))
                    .endpoint("orders", service.url("/api/orders"))
                    .requestsPerEndpoint(20)
                    .threshold("p95<2s")
                    .build()
                    .step("api-performance"))),
        // runs whatever happened, after any rollback, and says which it was
        notifyStep(version).onError(ErrorAction.CONTINUE).always());
  }

  private WorkflowStep notifyStep(String version) {
    WebhookChannel webhook = WebhookChannel.to(Secret.of(service.url("/alerts")));
    LogChannel log = LogChannel.create();
    return WorkflowStep.task(
        "notify",
        ctx -> {
          String message =
              ctx.failure()
                  .map(
                      failed ->
                          "deploying "
                              + version
                              + " failed at '"
                              + failed.path()
                              + "': "
                              + failed.error().orElse(failed.status().jsonName())
                              + "; rollback "
                              + ctx.finishedSteps().stream()
                                  .filter(s -> "compensation".equals(s.role().orElse("")))
                                  .map(s -> s.name() + " " + s.status().jsonName())
                                  .findFirst()
                                  .orElse("not run"))
                  .orElse("deployed version " + version);
          Alert notice =
              new Alert(
                  ctx.workflowName() + "/deploy",
                  Alert.Kind.TRIGGERED,
                  ctx.failure().isPresent() ? AlertLevel.CRITICAL : AlertLevel.INFO,
                  "deploy",
                  message,
                  Map.of("version", version),
                  ctx.now());
          webhook.send(notice);
          log.send(notice);
          return "notified: " + message;
        });
  }

  /** Returns the demo service's base URL. */
  public String serviceUrl() {
    return service.baseUrl();
  }

  /** Returns the version the demo service serves right now. */
  public String servedVersion() {
    return service.version();
  }

  /** Returns the notices the demo service's webhook received. */
  public java.util.List<String> receivedNotices() {
    return service.alerts();
  }

  @Override
  public String name() {
    return "deployment";
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
