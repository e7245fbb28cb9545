package dev.ffe.steps.aws;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to back up: a series name, an environment, the source files and directories, and the
 * include/exclude globs that select within them.
 *
 * <p>Each source is stored in the archive under its own file name ({@code /var/app/config} becomes
 * {@code config/...}), so two sources must not share a file name. Globs are matched against the
 * entry path in the archive ({@code config/app/settings.yml}); a glob without {@code /} is matched
 * against the file name alone, so {@code *.tmp} excludes temporary files at any depth. Includes
 * select files and links (directories are always walked); excludes also prune directories.
 *
 * <p>Immutable and thread-safe.
 */
public final class BackupSpec {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** The environment used when none is set. */
  public static final String DEFAULT_ENVIRONMENT = "production";

  private final String name;
  private final String environment;
  private final List<Path> sources;
  private final List<String> includes;
  private final List<String> excludes;
  private final int compressionLevel;
  private final int compressionThreads;

  private BackupSpec(Builder b) {
    this.name = b.name;
    this.environment = b.environment;
    this.sources = List.copyOf(b.sources);
    this.includes = List.copyOf(b.includes);
    this.excludes = List.copyOf(b.excludes);
    this.compressionLevel = b.compressionLevel;
    this.compressionThreads = b.compressionThreads;
  }

  /**
   * Returns a builder for a backup series called {@code name}, e.g. {@code
   * finance-feedback-engine}.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Returns the series name that prefixes every archive name. */
  public String name() {
    return name;
  }

  /** Returns the environment ({@code production}, {@code staging}, ...); a folder in the target. */
  public String environment() {
    return environment;
  }

  /** Returns the absolute, normalized source paths. */
  public List<Path> sources() {
    return sources;
  }

  /** Returns the include globs; empty means everything. */
  public List<String> includes() {
    return includes;
  }

  /** Returns the exclude globs. */
  public List<String> excludes() {
    return excludes;
  }

  /** Returns the gzip level, 1 (fastest) to 9 (smallest). */
  public int compressionLevel() {
    return compressionLevel;
  }

  /**
   * Returns how many threads compress; above 1 the archive is written as independent 1 MiB gzip
   * members (as {@code pigz} does), which GNU tar and {@code gzip -d} read as one stream.
   */
  public int compressionThreads() {
    return compressionThreads;
  }

  @Override
  public String toString() {
    return "BackupSpec[" + name + "/" + environment + ", sources=" + sources + "]";
  }

  static void checkName(String what, String value) {
    Objects.requireNonNull(value, what + " == null");
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' is not allowed: use 1-100 letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
  }

  /**
   * Builds a {@link BackupSpec}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private String environment = DEFAULT_ENVIRONMENT;
    private final List<Path> sources = new ArrayList<>();
    private final List<String> includes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();
    private int compressionLevel = 6;
    private int compressionThreads = Math.min(4, Runtime.getRuntime().availableProcessors());

    private Builder(String name) {
      checkName("backup name", name);
      this.name = name;
    }

    /** Sets the environment; default {@value BackupSpec#DEFAULT_ENVIRONMENT}. */
    public Builder environment(String environment) {
      checkName("environment", environment);
      this.environment = environment;
      return this;
    }

    /** Adds a file or directory to back up. */
    public Builder source(Path source) {
      Objects.requireNonNull(source, "source == null");
      Path normalized = source.toAbsolutePath().normalize();
      if (normalized.getFileName() == null) {
        throw new IllegalArgumentException(
            "source '" + source + "' has no file name: back up its subdirectories instead");
      }
      sources.add(normalized);
      return this;
    }

    /** Adds files or directories to back up. */
    public Builder sources(List<Path> paths) {
      paths.forEach(this::source);
      return this;
    }

    /** Adds an include glob; once any is set, only matching files and links are backed up. */
    public Builder include(String glob) {
      includes.add(checkGlob(glob));
      return this;
    }

    /** Adds an exclude glob; matching files, links and directories are skipped. */
    public Builder exclude(String glob) {
      excludes.add(checkGlob(glob));
      return this;
    }

    /** Sets the gzip level, 1 (fastest) to 9 (smallest); default 6, as {@code gzip}. */
    public Builder compressionLevel(int level) {
      if (level < 1 || level > 9) {
        throw new IllegalArgumentException(
            "compression level " + level + " is out of range: use 1 (fastest) to 9 (smallest)");
      }
      this.compressionLevel = level;
      return this;
    }

    /** Sets the compression threads; default the number of processors, at most 4. */
    public Builder compressionThreads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException(
            "compression threads " + threads + " is out of range: use 1 to 64");
      }
      this.compressionThreads = threads;
      return this;
    }

    private static String checkGlob(String glob) {
      Objects.requireNonNull(glob, "glob == null");
      if (glob.isBlank()) {
        throw new IllegalArgumentException("glob is blank: give a pattern such as '*.log'");
      }
      try {
        java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "glob '" + glob + "' is not valid: " + e.getMessage(), e);
      }
      return glob;
    }

    /**
     * Returns the spec.
     *
     * @throws IllegalStateException when two sources share a file name or a source is named like
     *     the manifest entry
     */
    public BackupSpec build() {
      Set<String> names = new HashSet<>();
      for (Path source : sources) {
        String fileName = source.getFileName().toString();
        if (fileName.equals(BackupManifest.ENTRY_NAME)) {
          throw new IllegalStateException(
              "source " + source + " is named like the manifest entry: rename it");
        }
        if (!names.add(fileName)) {
          throw new IllegalStateException(
              "two sources are both named '"
                  + fileName
                  + "' and would collide in the archive: back up their common parent instead");
        }
      }
      return new BackupSpec(this);
    }
  }
}
