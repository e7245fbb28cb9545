package dev.ffe.steps.git;

import dev.ffe.core.ContextKey;
import dev.ffe.core.StepContext;
import dev.ffe.core.WorkflowStep;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Builds the release steps and the seed's release workflow (pre-release tests, analyze, build,
 * changelog, tag, notify), and names the context keys the steps publish their results under so
 * later steps can read the computed version.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReleaseSteps {
  /** The analysis published by the analyze step. */
  public static final ContextKey<ReleaseAnalysis> ANALYSIS =
      ContextKey.of("git.release-analysis", ReleaseAnalysis.class);

  /** The result published by the changelog step (its notes become the tag message). */
  public static final ContextKey<ChangelogResult> CHANGELOG =
      ContextKey.of("git.release-changelog", ChangelogResult.class);

  /** The result published by the tag step. */
  public static final ContextKey<TagResult> TAG = ContextKey.of("git.release-tag", TagResult.class);

  private ReleaseSteps() {}

  /** Returns a step that runs {@code analyzer} (see {@link ReleaseAnalyzer#step(String)}). */
  public static WorkflowStep analyze(String name, ReleaseAnalyzer analyzer) {
    return Objects.requireNonNull(analyzer, "analyzer == null").step(name);
  }

  /** Returns a step that writes {@code changelog} (see {@link Changelog#step(String)}). */
  public static WorkflowStep changelog(String name, Changelog changelog) {
    return Objects.requireNonNull(changelog, "changelog == null").step(name);
  }

  /** Returns a step that runs {@code tagger} (see {@link ReleaseTagger#step(String)}). */
  public static WorkflowStep tag(String name, ReleaseTagger tagger) {
    return Objects.requireNonNull(tagger, "tagger == null").step(name);
  }

  /** Returns a condition that holds when an analysis in the context says a release is due. */
  public static Predicate<StepContext> releaseDue() {
    return ctx -> ctx.get(ANALYSIS).map(ReleaseAnalysis::isRelease).orElse(false);
  }

  /**
   * Returns the seed's release workflow: {@code preReleaseTests}, then {@code analyze}, and, only
   * when a release is due, {@code build}, {@code changelog}, {@code tag} and {@code notify} (which
   * are skipped otherwise). The build and notify steps read the version from {@link #ANALYSIS}.
   */
  public static WorkflowStep release(
      String name,
      WorkflowStep preReleaseTests,
      ReleaseAnalyzer analyzer,
      WorkflowStep build,
      Changelog changelog,
      ReleaseTagger tagger,
      WorkflowStep notify) {
    Objects.requireNonNull(preReleaseTests, "preReleaseTests == null");
    Objects.requireNonNull(analyzer, "analyzer == null");
    Objects.requireNonNull(build, "build == null");
    Objects.requireNonNull(changelog, "changelog == null");
    Objects.requireNonNull(tagger, "tagger == null");
    Objects.requireNonNull(notify, "notify == null");
    Predicate<StepContext> due = releaseDue();
    return WorkflowStep.sequential(
        name,
        preReleaseTests,
        analyzer.step("analyze"),
        build.when(due),
        changelog.step("changelog").when(due),
        tagger.step("tag").when(due),
        notify.when(due));
  }
}
