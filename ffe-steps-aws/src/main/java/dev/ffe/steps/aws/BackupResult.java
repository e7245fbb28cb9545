package dev.ffe.steps.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * What a full or incremental backup produced. Serializes to JSON with snake_case names ({@code
 * archive}, {@code files}, {@code bytes}, {@code sha256}, {@code duration}, ...).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the backup series name
 * @param environment the environment the backup belongs to
 * @param type full, or incremental
 * @param archive the archive file name, e.g. {@code app-full-20250129_020000.tar.gz}
 * @param location where the archive is stored, e.g. {@code s3://bucket/prefix/production/...}
 * @param files the number of regular files stored in the archive
 * @param bytes the content bytes of those files
 * @param archiveBytes the size of the compressed archive
 * @param sha256 the archive's SHA-256 (as in its {@code .sha256} file)
 * @param duration seconds the backup took
 * @param created when the backup was taken (ISO-8601)
 * @param baseBackup the archive an incremental builds on; empty for a full
 * @param unchanged files an incremental skipped because they had not changed
 * @param deleted paths an incremental recorded as deleted
 * @param skipped paths not backed up (sockets, devices, fifos), with the reason
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BackupResult(
    String name,
    String environment,
    BackupType type,
    String archive,
    String location,
    long files,
    long bytes,
    long archiveBytes,
    String sha256,
    double duration,
    String created,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String baseBackup,
    long unchanged,
    long deleted,
    List<String> skipped) {

  /** Rejects nulls and copies the list. */
  public BackupResult {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(environment, "environment == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(archive, "archive == null");
    Objects.requireNonNull(location, "location == null");
    Objects.requireNonNull(sha256, "sha256 == null");
    Objects.requireNonNull(created, "created == null");
    baseBackup = baseBackup == null ? "" : baseBackup;
    skipped = List.copyOf(skipped);
  }
}
