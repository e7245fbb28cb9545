package dev.ffe.steps.aws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where backups are stored: a local directory ({@link LocalTarget}) or an S3 bucket and prefix
 * ({@link S3Target}). Keys are {@code /}-separated paths relative to the target, {@code
 * {environment}/{file}}.
 *
 * <p>Every implementation stores a file atomically: a key either holds the complete file or does
 * not exist. Backups rely on that for the commit-marker rule (the {@code .sha256} is stored last).
 *
 * <p>Implementations are thread-safe.
 */
public sealed interface BackupTarget extends AutoCloseable permits LocalTarget, S3Target {

  /**
   * Parses a target the way the command line writes it: a directory path, {@code file:DIR}, or
   * {@code s3://bucket/prefix}; S3 options come from the {@code FFE_S3_*} environment variables.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  static BackupTarget parse(String spec) {
    return parse(spec, Map.of(), System.getenv());
  }

  /**
   * Parses a target with explicit S3 options ({@code endpoint}, {@code region}, {@code path-style},
   * {@code checksum-mode}, {@code sse}, {@code kms-key-id}, {@code part-size}) that win over the
   * environment variables ({@code FFE_S3_ENDPOINT}, {@code FFE_S3_REGION}, {@code
   * FFE_S3_PATH_STYLE}, {@code FFE_S3_CHECKSUM_MODE}, {@code FFE_S3_SSE}, {@code
   * FFE_S3_KMS_KEY_ID}, {@code FFE_S3_PART_SIZE}).
   *
   * @throws IllegalArgumentException for an unknown form or option, naming the accepted ones
   */
  static BackupTarget parse(String spec, Map<String, String> options, Map<String, String> env) {
    Objects.requireNonNull(spec, "spec == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(env, "env == null");
    if (spec.isBlank()) {
      throw new IllegalArgumentException(
          "backup target is blank: give a directory, file:DIR or s3://bucket/prefix");
    }
    if (spec.startsWith("s3://")) {
      return S3Target.fromUri(spec, options, env);
    }
    if (!options.isEmpty()) {
      throw new IllegalArgumentException(
          "options " + options.keySet() + " apply to s3:// targets only, not to " + spec);
    }
    if (spec.startsWith("file://")) {
      return LocalTarget.of(Path.of(java.net.URI.create(spec)));
    }
    if (spec.startsWith("file:")) {
      return LocalTarget.of(Path.of(spec.substring("file:".length())));
    }
    if (spec.matches("[A-Za-z][A-Za-z0-9+.-]+://.*")) {
      throw new IllegalArgumentException(
          "backup target '"
              + spec
              + "' is not supported: use a directory, file:DIR or s3://bucket/prefix");
    }
    return LocalTarget.of(Path.of(spec));
  }

  /** Returns where this target points, e.g. {@code file:/backups} or {@code s3://bucket/prefix}. */
  String location();

  /** Returns where {@code key} is, e.g. {@code s3://bucket/prefix/production/app.tar.gz}. */
  String location(String key);

  /**
   * Returns the files directly inside {@code folder} (names without the folder) and their sizes;
   * empty when the folder does not exist. Temporary files of unfinished writes are not listed.
   */
  Map<String, Long> list(String folder) throws IOException;

  /** Returns true when {@code key} exists. */
  boolean exists(String key) throws IOException;

  /**
   * Opens {@code key} for reading.
   *
   * @throws BackupException naming the key when it does not exist or cannot be read
   */
  InputStream open(String key) throws IOException;

  /** Returns the local file behind {@code key} when the target is on this machine. */
  Optional<Path> localFile(String key);

  /**
   * Returns a fresh file to write a new archive into before {@link #store(Path, String)} commits
   * it; local targets stage beside the final file so the commit is a rename.
   */
  Path stagingFile(String key) throws IOException;

  /**
   * Stores {@code file} under {@code key} atomically and consumes it (moves it, or uploads then
   * deletes it).
   *
   * @throws BackupException naming the key when it already exists or the target refuses the write;
   *     nothing is left under {@code key} then
   */
  void store(Path file, String key) throws IOException;

  /** Deletes {@code key}; does nothing when it does not exist. */
  void delete(String key) throws IOException;

  /** Releases clients this target created; a no-op for local targets. */
  @Override
  default void close() {}
}
