package dev.ffe.steps.aws.internal;

import dev.ffe.steps.aws.BackupType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Archive file names: {@code {name}-{full|incremental}-{yyyyMMdd_HHmmss}.tar.gz}. Thread-safe. */
public final class BackupNames {
  /** The archive suffix. */
  public static final String ARCHIVE_SUFFIX = ".tar.gz";

  /** The checksum file suffix, appended to the archive name. */
  public static final String SHA256_SUFFIX = ".sha256";

  /** The sidecar manifest suffix, appended to the archive's base name. */
  public static final String MANIFEST_SUFFIX = ".manifest.json";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final Pattern ARCHIVE =
      Pattern.compile("(.+)-(full|incremental)-(\\d{8}_\\d{6})\\.tar\\.gz");

  private BackupNames() {}

  /** A parsed archive name. */
  public record Parsed(String name, BackupType type, Instant timestamp, String archive) {}

  /** Returns the archive name for a backup of {@code type} taken at {@code at} (UTC). */
  public static String archive(String name, BackupType type, Instant at) {
    return name + "-" + type.label() + "-" + STAMP.format(at) + ARCHIVE_SUFFIX;
  }

  /** Returns the time stamp the archive name would carry: {@code at} truncated to seconds. */
  public static Instant stamp(Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** Returns the base name (archive without {@code .tar.gz}). */
  public static String base(String archive) {
    return archive.endsWith(ARCHIVE_SUFFIX)
        ? archive.substring(0, archive.length() - ARCHIVE_SUFFIX.length())
        : archive;
  }

  /** Returns the sidecar manifest name for an archive. */
  public static String manifest(String archive) {
    return base(archive) + MANIFEST_SUFFIX;
  }

  /** Returns the checksum file name for an archive. */
  public static String sha256(String archive) {
    return archive + SHA256_SUFFIX;
  }

  /** Parses any archive name of this layout. */
  public static Optional<Parsed> parse(String fileName) {
    Matcher m = ARCHIVE.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    Instant at =
        LocalDateTime.parse(m.group(3), DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
            .toInstant(ZoneOffset.UTC);
    return Optional.of(new Parsed(m.group(1), BackupType.fromLabel(m.group(2)), at, fileName));
  }

  /** Parses an archive name that belongs to series {@code name} exactly. */
  public static Optional<Parsed> parse(String fileName, String name) {
    return parse(fileName).filter(p -> p.name().equals(name));
  }
}
