package dev.ffe.examples.internal;

import dev.ffe.steps.aws.BackupResult;
import dev.ffe.steps.aws.BackupSpec;
import dev.ffe.steps.aws.BackupTarget;
import dev.ffe.steps.aws.Backups;
import dev.ffe.steps.aws.TestRecoveryResult;
import dev.ffe.steps.aws.VerifyResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The backup module's commands for CI scripts: thin wrappers over {@code dev.ffe.steps.aws}. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = "Backs up, verifies, restores and prunes backups in a directory or on S3.",
    subcommands = {
      BackupCommands.Full.class,
      BackupCommands.Incremental.class,
      BackupCommands.Verify.class,
      BackupCommands.Restore.class,
      BackupCommands.Cleanup.class,
      BackupCommands.TestRecovery.class
    })
public final class BackupCommands extends BaseCommand {

  @Override
  protected int execute() {
    throw new UsageException(
        "missing subcommand: full, incremental, verify, restore, cleanup or test-recovery");
  }

  /** Options every backup subcommand shares. */
  abstract static class Series extends BaseCommand {
    @Option(
        names = "--target",
        paramLabel = "TARGET",
        required = true,
        description = "A directory, file:DIR, or s3://bucket/prefix (FFE_S3_* variables apply).")
    String target;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        defaultValue = "backup",
        description = "The backup series (default ${DEFAULT-VALUE}).")
    String name;

    @Option(
        names = "--environment",
        paramLabel = "ENV",
        defaultValue = BackupSpec.DEFAULT_ENVIRONMENT,
        description = "The environment folder (default ${DEFAULT-VALUE}).")
    String environment;

    @Option(
        names = "--source",
        paramLabel = "DIR",
        description = "A directory or file to back up (repeatable).")
    List<Path> sources = new ArrayList<>();

    @Override
    protected final int execute() throws Exception {
      try (BackupTarget t = BackupTarget.parse(target)) {
        BackupSpec spec =
            BackupSpec.builder(name).environment(environment).sources(sources).build();
        Object result = run(Backups.builder(spec, t).build());
        if (json()) {
          printJson(result);
        } else {
          out().println(Json.pretty(result));
          out().flush();
        }
        return succeeded(result) ? OK : FAILED;
      }
    }

    abstract Object run(Backups backups) throws Exception;

    boolean succeeded(Object result) {
      return true;
    }

    void requireSources() {
      if (sources.isEmpty()) {
        throw new UsageException("give at least one --source DIR to back up");
      }
    }

    static Map<String, Object> backupDocument(BackupResult r) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("archive", r.archive());
      doc.put("type", r.type().label());
      doc.put("location", r.location());
      doc.put("files", r.files());
      doc.put("bytes", r.bytes());
      doc.put("archive_bytes", r.archiveBytes());
      doc.put("sha256", r.sha256());
      doc.put("duration", r.duration());
      return doc;
    }
  }

  /** Options of the commands that take a backup. */
  abstract static class Taking extends Series {
    @Option(
        names = "--at",
        paramLabel = "INSTANT",
        description =
            "The backup's time stamp (ISO-8601, e.g. 2025-01-29T02:00:00Z) instead of now:"
                + " for reproducible archive names. Names have second resolution, so two"
                + " backups of one series need distinct seconds.")
    java.time.Instant at;
  }

  /** {@code ffe backup full}. */
  @Command(name = "full", mixinStandardHelpOptions = true, description = "Takes a full backup.")
  static final class Full extends Taking {
    @Override
    Object run(Backups backups) {
      requireSources();
      return backupDocument(at == null ? backups.full() : backups.full(at));
    }
  }

  /** {@code ffe backup incremental}. */
  @Command(
      name = "incremental",
      mixinStandardHelpOptions = true,
      description = "Takes an incremental backup (a full one if the series has none).")
  static final class Incremental extends Taking {
    @Override
    Object run(Backups backups) {
      requireSources();
      return backupDocument(at == null ? backups.incremental() : backups.incremental(at));
    }
  }

  /** {@code ffe backup verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Verifies an archive's checksum and manifest; exit 1 when it is not valid.")
  static final class Verify extends Series {
    @Option(names = "--archive", defaultValue = Backups.LATEST, description = "Default: latest.")
    String archive;

    @Override
    Object run(Backups backups) {
      return backups.verify(archive);
    }

    @Override
    boolean succeeded(Object result) {
      return ((VerifyResult) result).valid();
    }
  }

  /** {@code ffe backup restore}. */
  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = "Restores an archive (with its incremental chain) into a directory.")
  static final class Restore extends Series {
    @Option(names = "--archive", description = "The archive name, or latest (the default).")
    String archiveOption;

    @picocli.CommandLine.Parameters(
        arity = "0..1",
        paramLabel = "ARCHIVE",
        description = "The archive name, or latest (the default); same as --archive.")
    String archiveParameter;

    @Option(
        names = {"--to", "--into"},
        required = true,
        paramLabel = "DIR",
        description = "The directory to restore into (must be empty or absent).")
    Path into;

    @Option(names = "--overwrite", description = "Replace files that already exist.")
    boolean overwrite;

    @Override
    Object run(Backups backups) {
      if (archiveOption != null && archiveParameter != null) {
        throw new UsageException("give the archive once: as ARCHIVE or with --archive, not both");
      }
      String archive =
          archiveOption != null
              ? archiveOption
              : archiveParameter != null ? archiveParameter : Backups.LATEST;
      return backups.restore(archive, into, overwrite);
    }
  }

  /** {@code ffe backup cleanup}. */
  @Command(
      name = "cleanup",
      mixinStandardHelpOptions = true,
      description = "Deletes backups older than the retention policy allows.")
  static final class Cleanup extends Series {
    @Option(names = "--dry-run", description = "Only report what would be deleted.")
    boolean dryRun;

    @Override
    Object run(Backups backups) {
      return backups.cleanup(dryRun);
    }
  }

  /** {@code ffe backup test-recovery}. */
  @Command(
      name = "test-recovery",
      mixinStandardHelpOptions = true,
      description = "Restores the newest backup to a temp dir and checks critical files.")
  static final class TestRecovery extends Series {
    @Option(
        names = "--critical",
        paramLabel = "PATH",
        description = "A path inside the archive that must come back intact (repeatable).")
    List<String> critical = new ArrayList<>();

    @Override
    Object run(Backups backups) {
      return backups.testRecovery(critical);
    }

    @Override
    boolean succeeded(Object result) {
      return ((TestRecoveryResult) result).success();
    }
  }
}
