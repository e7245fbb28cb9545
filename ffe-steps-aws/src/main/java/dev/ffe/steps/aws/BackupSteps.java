package dev.ffe.steps.aws;

import dev.ffe.core.ContextKey;
import dev.ffe.core.Task;
import dev.ffe.core.WorkflowStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Wraps {@link Backups} operations as workflow steps. Each step's output is the operation's result
 * record, also published under a context key for later steps; backups are named after the workflow
 * clock ({@code StepContext.now()}), so the test executor makes them deterministic.
 *
 * <p>Thread-safe (stateless).
 */
public final class BackupSteps {
  /** The result of the latest backup step. */
  public static final ContextKey<BackupResult> BACKUP =
      ContextKey.of("backup.result", BackupResult.class);

  /** The result of the latest verify step. */
  public static final ContextKey<VerifyResult> VERIFY =
      ContextKey.of("backup.verify", VerifyResult.class);

  /** The result of the latest restore step. */
  public static final ContextKey<RestoreResult> RESTORE =
      ContextKey.of("backup.restore", RestoreResult.class);

  /** The result of the latest cleanup step. */
  public static final ContextKey<CleanupResult> CLEANUP =
      ContextKey.of("backup.cleanup", CleanupResult.class);

  /** The result of the latest test-recovery step. */
  public static final ContextKey<TestRecoveryResult> TEST_RECOVERY =
      ContextKey.of("backup.test-recovery", TestRecoveryResult.class);

  private BackupSteps() {}

  /** Returns a step that takes a full backup. */
  public static WorkflowStep full(String stepName, Backups backups) {
    return WorkflowStep.task(stepName, fullTask(backups));
  }

  static Task fullTask(Backups backups) {
    Objects.requireNonNull(backups, "backups == null");
    return ctx -> {
      BackupResult r = backups.full(ctx.now());
      ctx.put(BACKUP, r);
      return r;
    };
  }

  /** Returns a step that takes an incremental backup (a full one if the series has none). */
  public static WorkflowStep incremental(String stepName, Backups backups) {
    return WorkflowStep.task(stepName, incrementalTask(backups));
  }

  static Task incrementalTask(Backups backups) {
    Objects.requireNonNull(backups, "backups == null");
    return ctx -> {
      BackupResult r = backups.incremental(ctx.now());
      ctx.put(BACKUP, r);
      return r;
    };
  }

  /**
   * Returns a step that verifies {@code archive} ({@link Backups#LATEST} or a file name) and fails
   * with a {@link BackupVerificationException} naming the file and archive on any mismatch.
   */
  public static WorkflowStep verify(String stepName, Backups backups, String archive) {
    return WorkflowStep.task(stepName, verifyTask(backups, archive));
  }

  static Task verifyTask(Backups backups, String archive) {
    Objects.requireNonNull(backups, "backups == null");
    Objects.requireNonNull(archive, "archive == null");
    return ctx -> {
      VerifyResult r = backups.verify(archive);
      ctx.put(VERIFY, r);
      if (!r.valid()) {
        throw new BackupVerificationException(r);
      }
      return r;
    };
  }

  /** Returns a step that restores {@code archive} into {@code into}. */
  public static WorkflowStep restore(
      String stepName, Backups backups, String archive, Path into, boolean overwrite) {
    return WorkflowStep.task(stepName, restoreTask(backups, archive, into, overwrite));
  }

  static Task restoreTask(Backups backups, String archive, Path into, boolean overwrite) {
    Objects.requireNonNull(backups, "backups == null");
    Objects.requireNonNull(archive, "archive == null");
    Objects.requireNonNull(into, "into == null");
    return ctx -> {
      RestoreResult r = backups.restore(archive, into, overwrite);
      ctx.put(RESTORE, r);
      return r;
    };
  }

  /** Returns a step that applies the retention policy as of the workflow clock. */
  public static WorkflowStep cleanup(String stepName, Backups backups, boolean dryRun) {
    return WorkflowStep.task(stepName, cleanupTask(backups, dryRun));
  }

  static Task cleanupTask(Backups backups, boolean dryRun) {
    Objects.requireNonNull(backups, "backups == null");
    return ctx -> {
      CleanupResult r = backups.cleanup(dryRun, ctx.now());
      ctx.put(CLEANUP, r);
      return r;
    };
  }

  /**
   * Returns a step that test-restores the newest backup and fails when a critical file is missing
   * or differs from the manifest.
   */
  public static WorkflowStep testRecovery(
      String stepName, Backups backups, List<String> criticalFiles) {
    return WorkflowStep.task(stepName, testRecoveryTask(backups, Backups.LATEST, criticalFiles));
  }

  static Task testRecoveryTask(Backups backups, String archive, List<String> criticalFiles) {
    Objects.requireNonNull(backups, "backups == null");
    Objects.requireNonNull(archive, "archive == null");
    List<String> critical = List.copyOf(criticalFiles);
    return ctx -> {
      TestRecoveryResult r = backups.testRecovery(archive, critical);
      ctx.put(TEST_RECOVERY, r);
      if (!r.success()) {
        throw new BackupException(
            "test recovery of "
                + r.archive()
                + " failed: missing "
                + r.missing()
                + ", mismatched "
                + r.mismatched());
      }
      return r;
    };
  }
}
