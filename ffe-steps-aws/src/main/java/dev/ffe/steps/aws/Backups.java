package dev.ffe.steps.aws;

import dev.ffe.steps.aws.internal.BackupEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Backs up, verifies, restores and prunes one backup series (a {@link BackupSpec}'s name and
 * environment) in one {@link BackupTarget}. The plain-Java entry point of this module; {@link
 * BackupSteps} wraps each operation as a workflow step.
 *
 * <pre>{@code
 * Backups backups = Backups.builder(
 *         BackupSpec.builder("finance-feedback-engine").source(Path.of("/srv/ffe/config")).build(),
 *         LocalTarget.of(Path.of("/backups")))
 *     .build();
 * BackupResult full = backups.full();
 * backups.verify(full.archive());
 * backups.restore("latest", Path.of("/tmp/restore"));
 * }</pre>
 *
 * <p>Immutable and thread-safe, except that two backups of the same series must not run at the same
 * time (the second is refused if both pick the same second).
 */
public final class Backups {
  /** The archive name that means the newest complete backup (with the chain it builds on). */
  public static final String LATEST = "latest";

  private final BackupSpec spec;
  private final BackupTarget target;
  private final Clock clock;
  private final RetentionPolicy retention;
  private final Path workDirectory;
  private final boolean allowLinksOutsideTarget;
  private final BackupEngine engine;

  private Backups(Builder b) {
    this.spec = b.spec;
    this.target = b.target;
    this.clock = b.clock;
    this.retention = b.retention;
    this.workDirectory = b.workDirectory;
    this.allowLinksOutsideTarget = b.allowLinksOutsideTarget;
    this.engine =
        new BackupEngine(
            spec,
            target,
            retention,
            workDirectory,
            allowLinksOutsideTarget,
            b.testExtractBeforeRestore);
  }

  /** Returns a builder for a series and the target that stores it. */
  public static Builder builder(BackupSpec spec, BackupTarget target) {
    return new Builder(spec, target);
  }

  /** Returns the series description. */
  public BackupSpec spec() {
    return spec;
  }

  /** Returns the target. */
  public BackupTarget target() {
    return target;
  }

  /** Returns the retention policy used by {@link #cleanup(boolean)}. */
  public RetentionPolicy retention() {
    return retention;
  }

  /**
   * Takes a full backup, named after the clock's current second.
   *
   * @throws BackupException naming the source or target when the backup cannot be completed; no
   *     backup is left that looks complete
   */
  public BackupResult full() {
    return full(clock.instant());
  }

  /** Takes a full backup named after {@code at} (a workflow step passes its clock's time). */
  public BackupResult full(Instant at) {
    return engine.backup(BackupType.FULL, Objects.requireNonNull(at, "at == null"));
  }

  /**
   * Takes an incremental backup: files added or changed since the newest backup of the series
   * (size, mtime and mode compared; hashed when the mtime is too recent to trust), and the paths
   * deleted since. Takes a full backup when the series has none yet.
   */
  public BackupResult incremental() {
    return incremental(clock.instant());
  }

  /** Takes an incremental backup named after {@code at}. */
  public BackupResult incremental(Instant at) {
    return engine.backup(BackupType.INCREMENTAL, Objects.requireNonNull(at, "at == null"));
  }

  /** Returns the complete backups of this series in the target, oldest first. */
  public List<BackupInfo> list() {
    return engine.list();
  }

  /**
   * Verifies an archive ({@link #LATEST} or a file name): checksum, a streamed test extraction of
   * every entry against the manifest, and manifest consistency. Corruption is reported in the
   * result, not thrown.
   *
   * @throws BackupException when the archive does not exist or the target cannot be read
   */
  public VerifyResult verify(String archive) {
    return engine.verify(Objects.requireNonNull(archive, "archive == null"));
  }

  /**
   * Restores an archive ({@link #LATEST} or a file name) with the full backup and incrementals it
   * builds on into {@code into}, which must be empty or absent. Every archive's {@code .sha256} is
   * checked before anything is written, and every file's hash before it is renamed into place.
   *
   * @throws BackupVerificationException when an archive of the chain fails verification
   * @throws BackupException when the archive is missing or would write outside {@code into}
   */
  public RestoreResult restore(String archive, Path into) {
    return restore(archive, into, false);
  }

  /**
   * Restores like {@link #restore(String, Path)}; {@code overwrite} allows a non-empty directory.
   */
  public RestoreResult restore(String archive, Path into, boolean overwrite) {
    Objects.requireNonNull(archive, "archive == null");
    Objects.requireNonNull(into, "into == null");
    return engine.restore(archive, into.toAbsolutePath().normalize(), overwrite);
  }

  /**
   * Restores any {@code tar.gz} (one FFE wrote, or GNU tar) into {@code into}, verifying a {@code
   * .sha256} beside it if there is one, and refusing entries that would land outside {@code into}
   * or links that point outside it.
   */
  public static RestoreResult restoreArchive(Path archiveFile, Path into) {
    Objects.requireNonNull(archiveFile, "archiveFile == null");
    Objects.requireNonNull(into, "into == null");
    return BackupEngine.extract(archiveFile, into.toAbsolutePath().normalize(), false, false);
  }

  /**
   * Deletes the backups the retention policy no longer keeps (never one a kept incremental needs);
   * with {@code dryRun} only reports them.
   */
  public CleanupResult cleanup(boolean dryRun) {
    return cleanup(dryRun, clock.instant());
  }

  /** Applies the retention policy as of {@code now}. */
  public CleanupResult cleanup(boolean dryRun, Instant now) {
    return engine.cleanup(dryRun, Objects.requireNonNull(now, "now == null"));
  }

  /**
   * Restores the newest backup into a temporary directory, checks that every critical file (a path
   * in the archive such as {@code config/app.yml}; all files when the list is empty) exists and
   * matches the manifest, and deletes the directory.
   */
  public TestRecoveryResult testRecovery(List<String> criticalFiles) {
    return testRecovery(LATEST, criticalFiles);
  }

  /** Runs a test recovery of {@code archive}. */
  public TestRecoveryResult testRecovery(String archive, List<String> criticalFiles) {
    Objects.requireNonNull(archive, "archive == null");
    return engine.testRecovery(archive, List.copyOf(criticalFiles));
  }

  @Override
  public String toString() {
    return "Backups[" + spec.name() + "/" + spec.environment() + " -> " + target.location() + "]";
  }

  /**
   * Builds {@link Backups}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final BackupSpec spec;
    private final BackupTarget target;
    private Clock clock = Clock.systemUTC();
    private RetentionPolicy retention = RetentionPolicy.defaults();
    private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private boolean allowLinksOutsideTarget;
    private boolean testExtractBeforeRestore;

    private Builder(BackupSpec spec, BackupTarget target) {
      this.spec = Objects.requireNonNull(spec, "spec == null");
      this.target = Objects.requireNonNull(target, "target == null");
    }

    /** Sets the clock that names backups and ages them; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Sets the retention policy; default {@link RetentionPolicy#defaults()}. */
    public Builder retention(RetentionPolicy retention) {
      this.retention = Objects.requireNonNull(retention, "retention == null");
      return this;
    }

    /** Sets where downloads and test recoveries go; default {@code java.io.tmpdir}. */
    public Builder workDirectory(Path directory) {
      this.workDirectory = Objects.requireNonNull(directory, "directory == null");
      return this;
    }

    /**
     * Allows restoring symbolic links that point outside the restore directory (such as {@code
     * current -> /opt/app/5}); off by default. Files are never written through a link either way.
     */
    public Builder allowLinksOutsideTarget(boolean allow) {
      this.allowLinksOutsideTarget = allow;
      return this;
    }

    /**
     * Makes a restore run a full test extraction of every archive (as {@link #verify(String)} does)
     * before writing anything, instead of only checking each archive's {@code .sha256}; slower, and
     * catches an archive whose checksum file was forged too. Off by default: every file is still
     * checked against the manifest before it is renamed into place.
     */
    public Builder testExtractBeforeRestore(boolean enabled) {
      this.testExtractBeforeRestore = enabled;
      return this;
    }

    /** Returns the configured {@link Backups}. */
    public Backups build() {
      return new Backups(this);
    }
  }
}
