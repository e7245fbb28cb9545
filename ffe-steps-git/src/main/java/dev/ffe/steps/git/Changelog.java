package dev.ffe.steps.git;

import dev.ffe.core.WorkflowStep;
import dev.ffe.steps.git.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the release notes of a {@link ReleaseAnalysis} as a Markdown section and prepends it to
 * {@code CHANGELOG.md}, keeping what was there.
 *
 * <p>The section has the version, the date and the compared range, then the counted commits grouped
 * as Breaking changes (with their notes quoted), Features, Bug fixes, Performance and Reverts, each
 * entry with its scope and short hash; other types are left out. The new section goes above the
 * newest existing {@code ## } section (below a {@code # } title and its introduction); a section
 * for the same version is replaced, so running the step again does not duplicate it. The file is
 * written to a temporary file and renamed over the old one.
 *
 * <p>Immutable and thread-safe.
 */
public final class Changelog {
  /** The changelog file name used unless configured. */
  public static final String DEFAULT_FILE = "CHANGELOG.md";

  private static final Logger LOG = LoggerFactory.getLogger(Changelog.class);
  private static final String TITLE = "# Changelog\n\n";

  private final Path repository;
  private final Path file;
  private final boolean dryRun;
  private final String compareUrl;
  private final LocalDate date;

  private Changelog(Builder b) {
    this.repository = b.repository;
    this.file = b.file.isAbsolute() ? b.file : b.repository.resolve(b.file);
    this.dryRun = b.dryRun;
    this.compareUrl = b.compareUrl;
    this.date = b.date;
  }

  /** Returns a builder for the changelog of the work tree at {@code repository}. */
  public static Builder builder(Path repository) {
    return new Builder(repository);
  }

  /** Returns the changelog file. */
  public Path file() {
    return file;
  }

  /**
   * Renders the section for the next version of {@code analysis} dated {@code date}; empty if no
   * release is due.
   */
  public String render(ReleaseAnalysis analysis, LocalDate date) {
    Objects.requireNonNull(analysis, "analysis == null");
    Objects.requireNonNull(date, "date == null");
    if (!analysis.isRelease()) {
      return "";
    }
    String version = analysis.nextVersion().orElseThrow().toString();
    String nextTag = analysis.nextTag().orElseThrow();
    StringBuilder out = new StringBuilder();
    out.append("## ").append(version).append(" (").append(date).append(")\n\n");
    String range =
        analysis.currentTag().map(t -> t + "..." + nextTag).orElse(nextTag + " (first release)");
    if (compareUrl != null && analysis.currentTag().isPresent()) {
      String url =
          compareUrl.replace("{from}", analysis.currentTag().get()).replace("{to}", nextTag);
      out.append("Compare: [").append(range).append("](").append(url).append(")\n");
    } else {
      out.append("Compare: `").append(range).append("`\n");
    }
    List<AnalyzedCommit> counted = new ArrayList<>();
    for (AnalyzedCommit c : analysis.commits()) {
      if (c.counts()) {
        counted.add(c);
      }
    }
    section(out, "Breaking changes", counted, AnalyzedCommit::breaking, true);
    section(out, "Features", counted, c -> c.type().equals("feat"), false);
    section(out, "Bug fixes", counted, c -> c.type().equals("fix"), false);
    section(out, "Performance", counted, c -> c.type().equals("perf"), false);
    section(out, "Reverts", counted, c -> c.type().equals("revert"), false);
    return out.toString();
  }

  private static void section(
      StringBuilder out,
      String title,
      List<AnalyzedCommit> commits,
      Predicate<AnalyzedCommit> belongs,
      boolean withNotes) {
    boolean first = true;
    for (AnalyzedCommit c : commits) {
      if (!belongs.test(c)) {
        continue;
      }
      if (first) {
        out.append("\n### ").append(title).append("\n\n");
        first = false;
      }
      out.append("* ");
      if (!c.scope().isEmpty()) {
        out.append("**").append(c.scope()).append(":** ");
      }
      out.append(c.description()).append(" (").append(c.shortHash()).append(")\n");
      if (withNotes) {
        for (String note : c.breakingNotes()) {
          for (String line : note.split("\n", -1)) {
            out.append(line.isBlank() ? "  >" : "  > " + line).append('\n');
          }
        }
      }
    }
  }

  /**
   * Renders the section for {@code analysis} and prepends it to the changelog file (unless this is
   * a dry run); does nothing when no release is due.
   *
   * @throws GitReleaseException if the file cannot be read or written
   */
  public ChangelogResult write(ReleaseAnalysis analysis, LocalDate date) {
    String notes = render(analysis, date);
    String version = analysis.nextVersion().map(SemanticVersion::toString).orElse("");
    if (notes.isEmpty()) {
      return new ChangelogResult(false, "", file.toString(), "", false, dryRun);
    }
    if (dryRun) {
      return new ChangelogResult(true, version, file.toString(), notes, false, true);
    }
    try {
      String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      String updated = prepend(old, notes, version);
      AtomicFiles.write(file, updated.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new GitReleaseException(
          repository, "cannot write changelog " + file + ": " + e.getMessage(), e);
    }
    LOG.info("prepended release notes for {} to {}", version, file);
    return new ChangelogResult(true, version, file.toString(), notes, true, false);
  }

  /** Renders and writes as {@link #write(ReleaseAnalysis, LocalDate)}, dated {@code now} in UTC. */
  public ChangelogResult write(ReleaseAnalysis analysis, Instant now) {
    return write(analysis, date != null ? date : LocalDate.ofInstant(now, ZoneOffset.UTC));
  }

  /**
   * Returns a step that writes the changelog for the analysis published under {@link
   * ReleaseSteps#ANALYSIS} (dated by the workflow clock), publishes the result under {@link
   * ReleaseSteps#CHANGELOG} and returns it.
   */
  public WorkflowStep step(String name) {
    return WorkflowStep.task(
        name,
        ctx -> {
          ChangelogResult result = write(ctx.require(ReleaseSteps.ANALYSIS), ctx.now());
          ctx.put(ReleaseSteps.CHANGELOG, result);
          return result;
        });
  }

  /** Inserts {@code section} into the changelog text {@code old} as the class comment says. */
  static String prepend(String old, String section, String version) {
    boolean crlf = old.contains("\r\n");
    String text = crlf ? old.replace("\r\n", "\n") : old;
    String result;
    if (text.isBlank()) {
      result = TITLE + section;
    } else {
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      Optional<int[]> same = sectionOf(lines, version);
      if (same.isPresent()) {
        int[] span = same.get();
        lines.subList(span[0], span[1]).clear();
        text = String.join("\n", lines);
        lines = new ArrayList<>(List.of(text.split("\n", -1)));
      }
      int insertAt = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("## ")) {
          insertAt = i;
          break;
        }
      }
      String block = section.endsWith("\n") ? section + "\n" : section + "\n\n";
      if (insertAt >= 0) {
        String before = String.join("\n", lines.subList(0, insertAt));
        String after = String.join("\n", lines.subList(insertAt, lines.size()));
        result = (before.isEmpty() ? "" : before.stripTrailing() + "\n\n") + block + after;
      } else if (lines.get(0).startsWith("# ")) {
        result = text.stripTrailing() + "\n\n" + block;
      } else {
        result = block + text;
      }
      result = result.stripTrailing() + "\n";
    }
    return crlf ? result.replace("\n", "\r\n") : result;
  }

  /** Finds the lines of an existing {@code ## <version> } section: [start, end). */
  private static Optional<int[]> sectionOf(List<String> lines, String version) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.equals("## " + version)
          || line.startsWith("## " + version + " ")
          || line.startsWith("## [" + version + "]")) {
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
          end++;
        }
        return Optional.of(new int[] {i, end});
      }
    }
    return Optional.empty();
  }

  /** Collects the changelog's settings. Not thread-safe. */
  public static final class Builder {
    private final Path repository;
    private Path file = Path.of(DEFAULT_FILE);
    private boolean dryRun;
    private String compareUrl;
    private LocalDate date;

    private Builder(Path repository) {
      this.repository = Objects.requireNonNull(repository, "repository == null");
    }

    /** Sets the changelog file, relative to the repository directory (default CHANGELOG.md). */
    public Builder withFile(Path file) {
      this.file = Objects.requireNonNull(file, "file == null");
      return this;
    }

    /** Renders without writing the file when {@code dryRun} is true. */
    public Builder withDryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Links the compared range to {@code template}, in which {@code {from}} and {@code {to}} are
     * replaced by the tags, e.g. {@code https://github.com/o/r/compare/{from}...{to}}.
     */
    public Builder withCompareUrl(String template) {
      Objects.requireNonNull(template, "template == null");
      if (!template.contains("{from}") || !template.contains("{to}")) {
        throw new IllegalArgumentException(
            "compare URL '" + template + "' needs the placeholders {from} and {to}");
      }
      this.compareUrl = template;
      return this;
    }

    /** Fixes the release date instead of taking it from the workflow clock (in UTC). */
    public Builder withDate(LocalDate date) {
      this.date = Objects.requireNonNull(date, "date == null");
      return this;
    }

    /** Returns the immutable changelog writer. */
    public Changelog build() {
      return new Changelog(this);
    }
  }
}
