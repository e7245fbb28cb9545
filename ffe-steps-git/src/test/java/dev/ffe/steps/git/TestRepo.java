package dev.ffe.steps.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real repository in a temp directory, built with JGit, with commit times one minute apart. */
final class TestRepo implements AutoCloseable {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  final Path dir;
  final Git git;
  private int clock;
  private int fileCounter;

  private TestRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  static TestRepo init(Path dir) {
    try {
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
      git.getRepository().getConfig().setString("user", null, "name", "Test Author");
      git.getRepository().getConfig().setString("user", null, "email", "author@example.test");
      git.getRepository().getConfig().setBoolean("commit", null, "gpgsign", false);
      git.getRepository().getConfig().setBoolean("tag", null, "gpgsign", false);
      git.getRepository().getConfig().save();
      return new TestRepo(dir, git);
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  PersonIdent nextIdent() {
    clock++;
    return new PersonIdent(
        "Test Author", "author@example.test", EPOCH.plusSeconds(60L * clock), ZoneOffset.UTC);
  }

  /** Commits a change to a new file with {@code message}; returns the commit. */
  RevCommit commit(String message) {
    try {
      Path file = dir.resolve("file-" + (++fileCounter) + ".txt");
      Files.writeString(file, message, StandardCharsets.UTF_8);
      git.add().addFilepattern(file.getFileName().toString()).call();
      PersonIdent who = nextIdent();
      return git.commit()
          .setMessage(message)
          .setAuthor(who)
          .setCommitter(who)
          .setSign(false)
          .call();
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Commits each message in order. */
  List<RevCommit> commits(String... messages) {
    List<RevCommit> out = new ArrayList<>();
    for (String m : messages) {
      out.add(commit(m));
    }
    return out;
  }

  /** Creates an annotated tag on HEAD. */
  void tag(String name) {
    try {
      git.tag()
          .setName(name)
          .setMessage("release " + name)
          .setTagger(nextIdent())
          .setSigned(false)
          .setAnnotated(true)
          .call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a lightweight tag on HEAD. */
  void lightweightTag(String name) {
    try {
      git.tag().setName(name).setAnnotated(false).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  void branch(String name) {
    try {
      git.checkout().setCreateBranch(true).setName(name).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  void checkout(String name) {
    try {
      git.checkout().setName(name).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Merges {@code branch} into the current branch with a merge commit. */
  RevCommit merge(String branch) {
    try {
      ObjectId id = git.getRepository().resolve(branch);
      git.merge()
          .include(id)
          .setFastForward(MergeCommand.FastForwardMode.NO_FF)
          .setMessage("Merge branch '" + branch + "'")
          .setCommit(true)
          .call();
      return git.log().setMaxCount(1).call().iterator().next();
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a file in the work tree without committing it. */
  void write(String name, String content) {
    try {
      Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ReleaseAnalysis analyze() {
    return ReleaseAnalyzer.analyze(dir);
  }

  ReleaseAnalyzer.Builder analyzer() {
    return ReleaseAnalyzer.builder(dir);
  }

  @Override
  public void close() {
    git.close();
  }

  /** Returns true if the {@code git} command runs here. */
  static boolean gitAvailable() {
    try {
      Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs {@code git args...} in {@code dir} with a fixed identity; returns stdout; fails loudly.
   */
  static String runGit(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("GIT_AUTHOR_NAME", "Cli Author");
    pb.environment().put("GIT_AUTHOR_EMAIL", "cli@example.test");
    pb.environment().put("GIT_COMMITTER_NAME", "Cli Author");
    pb.environment().put("GIT_COMMITTER_EMAIL", "cli@example.test");
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("HOME", dir.toString());
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("git " + args[0] + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
