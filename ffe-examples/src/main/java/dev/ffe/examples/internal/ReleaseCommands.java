package dev.ffe.examples.internal;

import dev.ffe.steps.git.Changelog;
import dev.ffe.steps.git.ChangelogResult;
import dev.ffe.steps.git.ReleaseAnalysis;
import dev.ffe.steps.git.ReleaseAnalyzer;
import dev.ffe.steps.git.ReleaseTagger;
import dev.ffe.steps.git.SemanticVersion;
import dev.ffe.steps.git.TagResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The git module's release commands for CI scripts: thin wrappers over {@code dev.ffe.steps.git}.
 */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "Analyzes conventional commits, writes the changelog, tags the release.",
    subcommands = {
      ReleaseCommands.Analyze.class,
      ReleaseCommands.WriteChangelog.class,
      ReleaseCommands.Tag.class
    })
public final class ReleaseCommands extends BaseCommand {

  @Override
  protected int execute() {
    throw new UsageException("missing subcommand: analyze, changelog or tag");
  }

  /** Options every release subcommand shares. */
  abstract static class RepoCommand extends BaseCommand {
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "Default: .")
    Path repo;

    @Option(names = "--from", paramLabel = "REF", description = "Start of the range (exclusive).")
    String from;

    @Option(names = "--to", paramLabel = "REF", description = "End of the range (default HEAD).")
    String to;

    @Option(names = "--dry-run", description = "Report what would be done, change nothing.")
    boolean dryRun;

    ReleaseAnalysis analyze() {
      ReleaseAnalyzer.Builder b = ReleaseAnalyzer.builder(repo);
      if (from != null) {
        b.withRange(from, to == null ? "HEAD" : to);
      } else if (to != null) {
        b.withRef(to);
      }
      return b.build().analyze();
    }

    static Map<String, Object> analysisDocument(ReleaseAnalysis a) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("current_version", a.currentVersion().map(SemanticVersion::toString).orElse(null));
      doc.put("next_version", a.nextVersion().map(SemanticVersion::toString).orElse(null));
      doc.put("bump", a.bump().label());
      doc.put("commits", a.commitCount());
      doc.put("release", a.isRelease());
      doc.put("range", a.range());
      return doc;
    }

    void print(Map<String, Object> doc) {
      if (json()) {
        printJson(doc);
      } else {
        doc.forEach((k, v) -> out().println(k + ": " + v));
        out().flush();
      }
    }
  }

  /** {@code ffe release analyze}. */
  @Command(
      name = "analyze",
      mixinStandardHelpOptions = true,
      description = "Computes the next version from the commits since the last tag.")
  static final class Analyze extends RepoCommand {
    @Override
    protected int execute() {
      print(analysisDocument(analyze()));
      return OK;
    }
  }

  /** {@code ffe release changelog}. */
  @Command(
      name = "changelog",
      mixinStandardHelpOptions = true,
      description = "Prepends the release's section to CHANGELOG.md.")
  static final class WriteChangelog extends RepoCommand {
    @Override
    protected int execute() {
      ReleaseAnalysis a = analyze();
      ChangelogResult r =
          Changelog.builder(repo).withDryRun(dryRun).build().write(a, Instant.now());
      Map<String, Object> doc = analysisDocument(a);
      doc.put("file", r.file());
      doc.put("written", r.written());
      doc.put("dry_run", r.dryRun());
      doc.put("notes", r.notes());
      print(doc);
      return OK;
    }
  }

  /** {@code ffe release tag}. */
  @Command(
      name = "tag",
      mixinStandardHelpOptions = true,
      description = "Creates the annotated tag of the next version.")
  static final class Tag extends RepoCommand {
    @Override
    protected int execute() {
      ReleaseAnalysis a = analyze();
      TagResult r = ReleaseTagger.builder(repo).withDryRun(dryRun).build().tag(a, Instant.now());
      Map<String, Object> doc = analysisDocument(a);
      doc.put("tag", r.tag());
      doc.put("released", r.released());
      doc.put("target", r.target());
      doc.put("dry_run", r.dryRun());
      print(doc);
      return OK;
    }
  }
}
