package dev.ffe.steps.aws;

import dev.ffe.core.StepParameters;
import dev.ffe.core.StepProvider;
import dev.ffe.core.Task;
import dev.ffe.core.WorkflowStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Makes backup steps from workflow files: {@code backup.full}, {@code backup.incremental}, {@code
 * backup.verify}, {@code backup.restore}, {@code backup.cleanup} and {@code backup.test-recovery}.
 *
 * <p>Common parameters: {@code name} (series, required), {@code target} (directory, {@code
 * file:DIR} or {@code s3://bucket/prefix}, required), {@code environment} (default {@code
 * production}), and for S3 {@code endpoint}, {@code region}, {@code path-style}, {@code
 * checksum-mode}, {@code sse}, {@code kms-key-id}, {@code part-size}. Backups take {@code sources}
 * (required), {@code include}, {@code exclude}, {@code compression-level}; verify, restore and
 * test-recovery take {@code archive} (default {@code latest}); restore takes {@code into}
 * (required) and {@code overwrite}; cleanup takes {@code keep-incrementals} (default 30d), {@code
 * keep-fulls} (90d), {@code keep-latest-fulls} (1) and {@code dry-run}; test-recovery takes {@code
 * critical} (paths in the archive).
 *
 * <p>Thread-safe (stateless).
 */
public final class AwsStepProvider implements StepProvider {
  private static final List<String> S3_OPTIONS =
      List.of(
          "endpoint", "region", "path-style", "checksum-mode", "sse", "kms-key-id", "part-size");

  /** Creates the provider (the ServiceLoader calls this). */
  public AwsStepProvider() {}

  @Override
  public Set<String> types() {
    return Set.of(
        "backup.full",
        "backup.incremental",
        "backup.verify",
        "backup.restore",
        "backup.cleanup",
        "backup.test-recovery");
  }

  @Override
  public WorkflowStep create(String type, String stepName, StepParameters p) {
    String name = p.requireString("name");
    String environment = p.string("environment").orElse(BackupSpec.DEFAULT_ENVIRONMENT);
    String targetSpec = p.requireString("target");
    Map<String, String> s3 = new LinkedHashMap<>();
    for (String option : S3_OPTIONS) {
      p.string(option).ifPresent(v -> s3.put(option, v));
    }
    BackupSpec.Builder spec = BackupSpec.builder(name).environment(environment);
    RetentionPolicy retention = RetentionPolicy.defaults();
    Function<Backups, Task> make;
    switch (type) {
      case "backup.full", "backup.incremental" -> {
        List<String> sources = p.strings("sources");
        if (sources.isEmpty()) {
          throw new IllegalArgumentException(
              "step '"
                  + stepName
                  + "' ("
                  + type
                  + "): parameter 'sources' is missing: list the files and directories to back up");
        }
        sources.forEach(s -> spec.source(Path.of(s)));
        p.strings("include").forEach(spec::include);
        p.strings("exclude").forEach(spec::exclude);
        spec.compressionLevel((int) p.integer("compression-level", 6));
        make = type.equals("backup.full") ? BackupSteps::fullTask : BackupSteps::incrementalTask;
      }
      case "backup.verify" -> {
        String archive = p.string("archive").orElse(Backups.LATEST);
        make = b -> BackupSteps.verifyTask(b, archive);
      }
      case "backup.restore" -> {
        String archive = p.string("archive").orElse(Backups.LATEST);
        Path into = Path.of(p.requireString("into"));
        boolean overwrite = p.bool("overwrite", false);
        make = b -> BackupSteps.restoreTask(b, archive, into, overwrite);
      }
      case "backup.cleanup" -> {
        Duration incrementals = p.duration("keep-incrementals", retention.incrementals());
        Duration fulls = p.duration("keep-fulls", retention.fulls());
        int latest = (int) p.integer("keep-latest-fulls", retention.keepLatestFulls());
        retention = new RetentionPolicy(incrementals, fulls, latest);
        boolean dryRun = p.bool("dry-run", false);
        make = b -> BackupSteps.cleanupTask(b, dryRun);
      }
      case "backup.test-recovery" -> {
        String archive = p.string("archive").orElse(Backups.LATEST);
        List<String> critical = p.strings("critical");
        make = b -> BackupSteps.testRecoveryTask(b, archive, critical);
      }
      default ->
          throw new IllegalArgumentException(
              "unknown action type '" + type + "': this provider makes " + types());
    }
    p.requireAllUsed();
    BackupSpec built = spec.build();
    RetentionPolicy policy = retention;
    // Validate the target now (a typo fails when the workflow is loaded), open it per run.
    BackupTarget.parse(targetSpec, s3, System.getenv()).close();
    return WorkflowStep.task(
        stepName,
        ctx -> {
          try (BackupTarget target = BackupTarget.parse(targetSpec, s3, System.getenv())) {
            Backups backups = Backups.builder(built, target).retention(policy).build();
            return make.apply(backups).run(ctx);
          }
        });
  }
}
