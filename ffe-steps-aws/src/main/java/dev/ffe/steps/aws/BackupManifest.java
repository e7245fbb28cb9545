package dev.ffe.steps.aws;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The description of one backup archive: which entries it holds (path, size, mtime, mode, sha256),
 * which paths were deleted since its base, and where it sits in its chain. Stored as the last entry
 * of the archive ({@value #ENTRY_NAME}) and beside it ({@code <base>.manifest.json}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param format the manifest format, {@value #FORMAT}
 * @param name the backup series name
 * @param environment the environment, e.g. {@code production}
 * @param type full or incremental
 * @param archive the archive file name
 * @param baseBackup the archive this incremental applies on top of; empty for a full backup
 * @param fullBackup the full backup at the root of this chain (this archive for a full)
 * @param created when the backup was taken (ISO-8601 instant)
 * @param toolVersion the FFE version that wrote it
 * @param sources the absolute source paths that were backed up
 * @param files the entries stored in this archive, in archive order
 * @param deleted paths present in the base backup's tree but gone now (incrementals only)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "format",
  "name",
  "environment",
  "type",
  "archive",
  "base_backup",
  "full_backup",
  "created",
  "tool_version",
  "sources",
  "files",
  "deleted"
})
public record BackupManifest(
    String format,
    String name,
    String environment,
    BackupType type,
    String archive,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String baseBackup,
    String fullBackup,
    String created,
    String toolVersion,
    List<String> sources,
    List<Entry> files,
    List<String> deleted) {

  /** The manifest format identifier. */
  public static final String FORMAT = "ffe-backup-manifest/1";

  /** The name of the manifest entry inside every archive (always the last entry). */
  public static final String ENTRY_NAME = ".ffe-manifest.json";

  /** Copies the lists and rejects nulls. */
  public BackupManifest {
    Objects.requireNonNull(format, "format == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(environment, "environment == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(archive, "archive == null");
    baseBackup = baseBackup == null ? "" : baseBackup;
    fullBackup = fullBackup == null ? "" : fullBackup;
    Objects.requireNonNull(created, "created == null");
    toolVersion = toolVersion == null ? "" : toolVersion;
    sources = sources == null ? List.of() : List.copyOf(sources);
    files = files == null ? List.of() : List.copyOf(files);
    deleted = deleted == null ? List.of() : List.copyOf(deleted);
  }

  /** Returns the base backup's archive name, if this is an incremental backup. */
  public Optional<String> base() {
    return baseBackup.isEmpty() ? Optional.empty() : Optional.of(baseBackup);
  }

  /** Returns {@link #created()} as an instant. */
  @JsonIgnore
  public Instant createdInstant() {
    return Instant.parse(created);
  }

  /** Returns the total size of the regular files in this archive. */
  @JsonIgnore
  public long totalBytes() {
    return files.stream().mapToLong(Entry::size).sum();
  }

  /**
   * One archive entry.
   *
   * <p>Immutable and thread-safe.
   *
   * @param path the entry's path in the archive, relative, {@code /}-separated
   * @param type {@code file}, {@code dir} or {@code symlink}
   * @param size the content size in bytes (0 for directories and links)
   * @param mtime the modification time (ISO-8601 instant, full precision)
   * @param mode the permission bits in octal, e.g. {@code 0644}
   * @param sha256 the content's SHA-256 in lower-case hex (files only, empty otherwise)
   * @param linkTarget the target of a symbolic link (links only, empty otherwise)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"path", "type", "size", "mtime", "mode", "sha256", "link_target"})
  public record Entry(
      String path,
      String type,
      long size,
      String mtime,
      String mode,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String sha256,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String linkTarget) {

    /** The type of a regular file. */
    public static final String FILE = "file";

    /** The type of a directory. */
    public static final String DIR = "dir";

    /** The type of a symbolic link. */
    public static final String SYMLINK = "symlink";

    /** Rejects nulls; absent hash and link target become empty. */
    public Entry {
      Objects.requireNonNull(path, "path == null");
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(mtime, "mtime == null");
      Objects.requireNonNull(mode, "mode == null");
      sha256 = sha256 == null ? "" : sha256;
      linkTarget = linkTarget == null ? "" : linkTarget;
    }

    /** Returns the permission bits as a number. */
    @JsonIgnore
    public int permissions() {
      return Integer.parseInt(mode, 8);
    }

    /** Returns {@link #mtime()} as an instant. */
    @JsonIgnore
    public Instant mtimeInstant() {
      return Instant.parse(mtime);
    }
  }
}
