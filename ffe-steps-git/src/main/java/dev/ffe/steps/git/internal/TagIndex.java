package dev.ffe.steps.git.internal;

import dev.ffe.steps.git.SemanticVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * The release tags of a repository: those named prefix + SemVer, peeled to the commits they mark,
 * keeping the highest version per commit. Built once per analysis.
 */
public final class TagIndex {
  /** A release tag. */
  public record ReleaseTag(String name, SemanticVersion version, ObjectId commit) {}

  private static final int MAX_LISTED = 5;

  private final Map<ObjectId, ReleaseTag> byCommit = new HashMap<>();
  private final List<ReleaseTag> all = new ArrayList<>();
  private final List<String> ignored = new ArrayList<>();
  private int ignoredCount;

  /**
   * Reads the tags named {@code prefix}+version; {@code channel} empty keeps releases only, else
   * releases and pre-releases of that channel.
   */
  public static TagIndex read(Repository repo, String prefix, Optional<String> channel)
      throws IOException {
    TagIndex index = new TagIndex();
    for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS + prefix)) {
      String name = ref.getName().substring(Constants.R_TAGS.length());
      Optional<SemanticVersion> version = SemanticVersion.tryParse(name.substring(prefix.length()));
      if (version.isEmpty()) {
        index.ignoredCount++;
        if (index.ignored.size() < MAX_LISTED) {
          index.ignored.add(name);
        }
        continue;
      }
      SemanticVersion v = version.get();
      boolean eligible = !v.isPreRelease() || (channel.isPresent() && channel.equals(v.channel()));
      if (!eligible) {
        continue;
      }
      Ref peeled = ref.isPeeled() ? ref : repo.getRefDatabase().peel(ref);
      ObjectId target =
          peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
      if (target == null) {
        continue;
      }
      ReleaseTag tag = new ReleaseTag(name, v, target.copy());
      index.all.add(tag);
      index.byCommit.merge(
          tag.commit(), tag, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b);
    }
    index.all.sort((a, b) -> b.version().compareTo(a.version()));
    return index;
  }

  /** Returns the release tag on {@code commit}, if any. */
  public ReleaseTag at(AnyObjectId commit) {
    return byCommit.get(commit);
  }

  /** Returns true if no release tag exists. */
  public boolean isEmpty() {
    return all.isEmpty();
  }

  /** Returns the highest-version tag, if any. */
  public Optional<ReleaseTag> highest() {
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Returns all release tags, highest version first. */
  public List<ReleaseTag> all() {
    return all;
  }

  /** Returns a warning about prefixed tags that are not SemVer, if there were any. */
  public Optional<String> ignoredWarning(String prefix) {
    if (ignoredCount == 0) {
      return Optional.empty();
    }
    return Optional.of(
        ignoredCount
            + " tag(s) starting with '"
            + prefix
            + "' are not '"
            + prefix
            + "' + a semantic version and were ignored, e.g. "
            + ignored
            + " (rename them, or set tag-prefix to the one your release tags use)");
  }
}
