package dev.ffe.steps.git.internal;

import dev.ffe.steps.git.GitReleaseException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/** Opens repositories and resolves refs with messages that say what to fix. */
public final class Repositories {
  private Repositories() {}

  /** Opens the repository at (or above) {@code dir}. */
  public static Repository open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new GitReleaseException(
          dir, "repository directory " + dir + " does not exist: point 'repo' at a git work tree");
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
    File start = dir.toAbsolutePath().normalize().toFile();
    if (RepositoryCache.FileKey.isGitRepository(start, FS.DETECTED)) {
      builder.setGitDir(start);
    } else {
      builder.findGitDir(start);
    }
    if (builder.getGitDir() == null) {
      throw new GitReleaseException(
          dir,
          dir
              + " is not a git repository (nor inside one): run 'git init' there or point 'repo'"
              + " at a repository");
    }
    try {
      return builder.build();
    } catch (IOException e) {
      throw new GitReleaseException(dir, "cannot open git repository at " + dir + ": " + e, e);
    }
  }

  /** Resolves {@code ref} to a commit id, failing clearly for an empty repo or an unknown ref. */
  public static ObjectId resolveCommit(Repository repo, Path dir, String ref) throws IOException {
    ObjectId id = repo.resolve(ref + "^{commit}");
    if (id != null) {
      return id;
    }
    if (repo.resolve("HEAD") == null && repo.getRefDatabase().getRefs().isEmpty()) {
      throw new GitReleaseException(
          dir,
          "repository " + dir + " has no commits yet: commit something before analyzing a release");
    }
    throw new GitReleaseException(
        dir,
        "ref '"
            + ref
            + "' does not name a commit in "
            + dir
            + ": give a branch, tag or commit id that exists");
  }

  /** Returns true if the repository is a shallow clone (has a {@code shallow} file). */
  public static boolean isShallow(Repository repo) {
    return new File(repo.getDirectory(), "shallow").isFile();
  }

  /** Returns the directory to report: the work tree, or the git directory of a bare repository. */
  public static Path displayDir(Repository repo) {
    return (repo.isBare() ? repo.getDirectory() : repo.getWorkTree()).toPath();
  }
}
