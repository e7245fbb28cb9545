package dev.ffe.steps.git;

import dev.ffe.core.StepParameters;
import dev.ffe.core.StepProvider;
import dev.ffe.core.WorkflowStep;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the release steps from workflow files: {@code git.analyze}, {@code git.changelog} and
 * {@code git.tag}.
 *
 * <p>Parameters (all optional): every type takes {@code repo} (default {@code .}); {@code
 * git.analyze} takes {@code ref}, {@code from} and {@code to} (an explicit range), {@code
 * tag-prefix}, {@code first-version}, {@code pre-major} ({@code shift-down}|{@code strict}), {@code
 * release-type} (force {@code major}|{@code minor}|{@code patch}|{@code none}), {@code channel} (a
 * pre-release channel such as {@code beta}) and {@code rules} (a map of commit type to release,
 * added to the angular rules); {@code git.changelog} takes {@code file}, {@code compare-url} and
 * {@code dry-run}; {@code git.tag} takes {@code commit-changelog} (the file to commit before
 * tagging), {@code commit-message}, {@code allow-dirty} and {@code dry-run}.
 *
 * <p>Thread-safe and stateless.
 */
public final class GitStepProvider implements StepProvider {
  /** The analyze step type. */
  public static final String ANALYZE = "git.analyze";

  /** The changelog step type. */
  public static final String CHANGELOG = "git.changelog";

  /** The tag step type. */
  public static final String TAG = "git.tag";

  /** Creates the provider (ServiceLoader needs the public constructor). */
  public GitStepProvider() {}

  @Override
  public Set<String> types() {
    return Set.of(ANALYZE, CHANGELOG, TAG);
  }

  @Override
  public WorkflowStep create(String type, String stepName, StepParameters p) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(stepName, "stepName == null");
    Objects.requireNonNull(p, "p == null");
    Path repo = Path.of(p.string("repo").orElse("."));
    WorkflowStep step =
        switch (type) {
          case ANALYZE -> analyzer(repo, p).step(stepName);
          case CHANGELOG -> changelog(repo, p).step(stepName);
          case TAG -> tagger(repo, p).step(stepName);
          default ->
              throw new IllegalArgumentException(
                  "step '" + stepName + "': unknown type '" + type + "'; accepted: " + types());
        };
    p.requireAllUsed();
    return step;
  }

  private static ReleaseAnalyzer analyzer(Path repo, StepParameters p) {
    ReleaseAnalyzer.Builder b = ReleaseAnalyzer.builder(repo);
    p.string("ref").ifPresent(b::withRef);
    Optional<String> from = p.string("from");
    Optional<String> to = p.string("to");
    if (from.isPresent()) {
      b.withRange(from.get(), to.orElse("HEAD"));
    } else if (to.isPresent()) {
      throw new IllegalArgumentException(
          "parameter 'to' needs 'from' (an explicit range); to analyze from the last tag, use"
              + " 'ref'");
    }
    p.string("tag-prefix").ifPresent(b::withTagPrefix);
    p.string("first-version").map(SemanticVersion::parse).ifPresent(b::withFirstVersion);
    p.string("pre-major")
        .map(v -> PreMajorPolicy.valueOf(preMajor(v)))
        .ifPresent(b::withPreMajorPolicy);
    p.string("release-type").map(ReleaseType::parse).ifPresent(b::withForcedType);
    p.string("channel").ifPresent(b::withPreReleaseChannel);
    Map<String, String> rules = p.stringMap("rules");
    if (!rules.isEmpty()) {
      ReleaseRules.Builder rb = ReleaseRules.angular().toBuilder();
      rules.forEach((commitType, release) -> rb.withType(commitType, ReleaseType.parse(release)));
      b.withRules(rb.build());
    }
    return b.build();
  }

  private static String preMajor(String value) {
    String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    if (!v.equals("SHIFT_DOWN") && !v.equals("STRICT")) {
      throw new IllegalArgumentException(
          "parameter 'pre-major' should be shift-down or strict, got '" + value + "'");
    }
    return v;
  }

  private static Changelog changelog(Path repo, StepParameters p) {
    Changelog.Builder b = Changelog.builder(repo);
    p.string("file").map(Path::of).ifPresent(b::withFile);
    p.string("compare-url").ifPresent(b::withCompareUrl);
    b.withDryRun(p.bool("dry-run", false));
    return b.build();
  }

  private static ReleaseTagger tagger(Path repo, StepParameters p) {
    ReleaseTagger.Builder b = ReleaseTagger.builder(repo);
    p.string("commit-changelog").ifPresent(b::withChangelogCommit);
    p.string("commit-message").ifPresent(b::withCommitMessage);
    b.withAllowDirty(p.bool("allow-dirty", false));
    b.withDryRun(p.bool("dry-run", false));
    return b.build();
  }
}
