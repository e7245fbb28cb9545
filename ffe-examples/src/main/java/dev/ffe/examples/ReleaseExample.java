package dev.ffe.examples;

import dev.ffe.core.Command;
import dev.ffe.core.StepContext;
import dev.ffe.core.WorkflowStep;
import dev.ffe.examples.internal.DemoFiles;
import dev.ffe.steps.git.Changelog;
import dev.ffe.steps.git.ReleaseAnalyzer;
import dev.ffe.steps.git.ReleaseSteps;
import dev.ffe.steps.git.ReleaseTagger;
import dev.ffe.steps.git.TagResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.TimeZone;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's release workflow on a demo git repository the example creates (tagged {@code v1.0.0},
 * then a {@code feat} and a {@code fix} commit): pre-release tests as a shell command, analyze the
 * conventional commits, write the changelog, create an annotated tag, and notify. Steps after the
 * analysis are skipped when no release is due.
 *
 * <p>Thread-safe; holds no resources that need closing.
 */
public final class ReleaseExample implements Example {
  /** The description {@code ffe list} shows. */
  public static final String DESCRIPTION =
      "tests, conventional-commit analysis, changelog, annotated tag, notify on a demo repo";

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseExample.class);

  private final Path repository;
  private final WorkflowStep workflow;

  private ReleaseExample(Path workDir) {
    this.repository = createDemoRepository(workDir.resolve("repo"));
    Path tests =
        DemoFiles.script(
            workDir.resolve("scripts/run-tests.sh"),
            "test -f src/app.txt\ntest -f README.md\necho \"2 checks passed\"\n");
    Predicate<StepContext> due = ReleaseSteps.releaseDue();
    this.workflow =
        WorkflowStep.sequential(
            "release",
            Command.of("sh", tests.toString())
                .directory(repository)
                .timeout(Duration.ofMinutes(5))
                .step("pre-release-tests"),
            ReleaseAnalyzer.builder(repository).build().step("analyze"),
            Changelog.builder(repository).build().step("changelog").when(due),
            ReleaseTagger.builder(repository)
                .withChangelogCommit(Changelog.DEFAULT_FILE)
                .build()
                .step("tag")
                .when(due),
            WorkflowStep.task("notify", ReleaseExample::announce).when(due));
  }

  /** Opens the example, creating its demo repository under {@code workDir/repo}. */
  public static ReleaseExample open(Path workDir) {
    return new ReleaseExample(Objects.requireNonNull(workDir, "workDir == null"));
  }

  private static String announce(StepContext ctx) {
    TagResult tag = ctx.require(ReleaseSteps.TAG);
    String message = "released " + tag.tag() + " (" + tag.version() + ")";
    LOG.info("{}", message);
    return message;
  }

  /**
   * Creates a repository with a tagged 1.0.0 and two conventional commits after it, so the next
   * release is a minor one: 1.1.0.
   */
  public static Path createDemoRepository(Path dir) {
    PersonIdent who =
        new PersonIdent(
            "FFE Demo",
            "demo@ffe.invalid",
            Instant.parse("2025-01-20T10:00:00Z"),
            TimeZone.getTimeZone("UTC").toZoneId());
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      DemoFiles.write(dir.resolve("README.md"), "# demo service\n");
      DemoFiles.write(dir.resolve("src/app.txt"), "version 1\n");
      commit(git, who, "feat: first version of the demo service");
      git.tag().setName("v1.0.0").setAnnotated(true).setMessage("1.0.0").setTagger(who).call();
      DemoFiles.write(dir.resolve("src/app.txt"), "version 1\nsearch\n");
      commit(git, who, "feat(search): search users by name");
      DemoFiles.write(dir.resolve("README.md"), "# demo service\n\nRun it with ffe.\n");
      commit(git, who, "fix: correct the README's run instructions");
      DemoFiles.write(dir.resolve("docs/notes.md"), "notes\n");
      commit(git, who, "docs: add notes");
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create the demo repository in " + dir, e);
    }
    return dir;
  }

  private static void commit(Git git, PersonIdent who, String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
  }

  /** Returns the demo repository. */
  public Path repository() {
    return repository;
  }

  @Override
  public String name() {
    return "release";
  }

  @Override
  public String description() {
    return DESCRIPTION;
  }

  @Override
  public WorkflowStep workflow() {
    return workflow;
  }

  @Override
  public void close() {
    // nothing to stop: the repository stays for inspection
  }
}
