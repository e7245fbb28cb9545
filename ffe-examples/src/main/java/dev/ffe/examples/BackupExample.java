package dev.ffe.examples;

import dev.ffe.core.StepContext;
import dev.ffe.core.WorkflowStep;
import dev.ffe.examples.internal.DemoFiles;
import dev.ffe.steps.aws.BackupSpec;
import dev.ffe.steps.aws.BackupSteps;
import dev.ffe.steps.aws.Backups;
import dev.ffe.steps.aws.LocalTarget;
import dev.ffe.steps.aws.RetentionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The seed's backup workflow on local directories: a full backup on Sunday and an incremental one
 * on other days (decided on the workflow clock, in UTC), verify, upload to an off-site directory,
 * apply retention, and test a recovery of the critical files.
 *
 * <p>Thread-safe; holds no resources that need closing.
 */
public final class BackupExample implements Example {
  /** The description {@code ffe list} shows. */
  public static final String DESCRIPTION =
      "full on Sunday / incremental on weekdays, verify, upload, retention, test recovery";

  private final Path offsite;
  private final WorkflowStep workflow;

  private BackupExample(Path workDir) {
    Path data = DemoFiles.dataDirectory(workDir.resolve("data"));
    this.offsite = workDir.resolve("offsite");
    Backups backups =
        Backups.builder(
                BackupSpec.builder("app-data").source(data).build(),
                LocalTarget.of(workDir.resolve("backups")))
            .retention(RetentionPolicy.defaults())
            .build();
    Path staging = workDir.resolve("backups");
    this.workflow =
        WorkflowStep.sequential(
            "backup",
            BackupSteps.full("full-backup", backups).when(isSunday()),
            BackupSteps.incremental("incremental-backup", backups).when(isSunday().negate()),
            BackupSteps.verify("verify", backups, Backups.LATEST),
            WorkflowStep.task("upload", ctx -> upload(staging, offsite))
                .retries(2)
                .timeout(Duration.ofMinutes(10)),
            BackupSteps.cleanup("retention-cleanup", backups, false),
            BackupSteps.testRecovery(
                "test-recovery", backups, List.of("data/db/users.csv", "data/config/app.yaml")));
  }

  /** Opens the example with its data, backups and off-site copy under {@code workDir}. */
  public static BackupExample open(Path workDir) {
    return new BackupExample(Objects.requireNonNull(workDir, "workDir == null"));
  }

  /** Returns a condition that holds when the workflow clock says it is Sunday (UTC). */
  public static Predicate<StepContext> isSunday() {
    return ctx -> ctx.now().atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  /** Returns the off-site directory the upload step copies backups to. */
  public Path offsite() {
    return offsite;
  }

  /** Copies every backup file not yet off-site; a copy lands under a temp name, then is renamed. */
  private static Map<String, Object> upload(Path from, Path to) throws IOException {
    long files = 0;
    long bytes = 0;
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        Path dest = to.resolve(from.relativize(file).toString());
        if (Files.exists(dest) && Files.size(dest) == Files.size(file)) {
          continue;
        }
        Files.createDirectories(dest.getParent());
        Path part = dest.resolveSibling(dest.getFileName() + ".part");
        Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        files++;
        bytes += Files.size(dest);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return Map.of("target", to.toString(), "files", files, "bytes", bytes);
  }

  @Override
  public String name() {
    return "backup";
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
    // nothing to stop: the example works on plain directories
  }
}
