package dev.ffe.steps.git.internal;

import dev.ffe.steps.git.AnalyzedCommit;
import dev.ffe.steps.git.ConventionalCommit;
import dev.ffe.steps.git.ReleaseRules;
import dev.ffe.steps.git.ReleaseType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Reads the commits of a range one at a time, newest first, keeping only what the release needs:
 * the conventional commits and the reverts still waiting for the commit they revert.
 *
 * <p>Reverts cancel out newest first: a revert names an older commit, so when that commit turns up
 * later in the walk both are excluded, and a cancelled revert's own target is never looked for (so
 * reverting a revert re-applies the original). Not thread-safe.
 */
public final class CommitCollector {
  private static final String RELEASE_AS = "Release-As";

  private final ReleaseRules rules;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Entry> waitingReverts = new HashMap<>();
  private long commitCount;
  private long mergeCount;

  /** What the release needs of one commit; the message itself is not kept. */
  private static final class Entry {
    final String hash;
    final String type;
    final String scope;
    final String description;
    final boolean breaking;
    final List<String> breakingNotes;
    final ReleaseType release;
    final String releaseAs;
    String excluded = "";

    Entry(String hash, ConventionalCommit message, ReleaseType release) {
      this.hash = hash;
      this.type = message.type();
      this.scope = message.scope().orElse("");
      this.description = message.description();
      this.breaking = message.isBreaking();
      this.breakingNotes = message.breakingNotes();
      this.release = release;
      this.releaseAs = message.footer(RELEASE_AS).orElse(null);
    }
  }

  /** Creates a collector applying {@code rules}. */
  public CommitCollector(ReleaseRules rules) {
    this.rules = rules;
  }

  /** Reads one commit; its body may be disposed of afterwards. */
  public void accept(RevCommit commit) {
    if (commit.getParentCount() > 1) {
      mergeCount++;
      return;
    }
    commitCount++;
    String hash = null;
    Entry revertedBy = null;
    if (!waitingReverts.isEmpty()) {
      hash = commit.name();
      revertedBy = takeRevertOf(hash);
    }
    ConventionalCommit message = ConventionalCommit.parse(commit.getFullMessage());
    if (!message.isConventional() && revertedBy == null && message.footer(RELEASE_AS).isEmpty()) {
      return;
    }
    Entry entry =
        new Entry(hash != null ? hash : commit.name(), message, rules.releaseFor(message));
    entries.add(entry);
    if (revertedBy != null) {
      entry.excluded = "reverted by " + abbreviate(revertedBy.hash);
      revertedBy.excluded = "reverts " + abbreviate(entry.hash) + " in the same range";
      return;
    }
    message.revertedCommit().ifPresent(target -> waitingReverts.put(target, entry));
  }

  private Entry takeRevertOf(String hash) {
    Entry exact = waitingReverts.remove(hash);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, Entry>> it = waitingReverts.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Entry> e = it.next();
      if (hash.startsWith(e.getKey())) {
        it.remove();
        return e.getValue();
      }
    }
    return null;
  }

  /** Returns how many non-merge commits were read. */
  public long commitCount() {
    return commitCount;
  }

  /** Returns how many merge commits were read (and skipped). */
  public long mergeCount() {
    return mergeCount;
  }

  /** Returns the highest release the counted commits call for. */
  public ReleaseType release() {
    ReleaseType max = ReleaseType.NONE;
    for (Entry e : entries) {
      if (e.excluded.isEmpty()) {
        max = max.max(e.release);
      }
    }
    return max;
  }

  /** A {@code Release-As} footer: its value and the commit that carries it. */
  public record ReleaseAs(String value, String commit) {}

  /** Returns the newest counted {@code Release-As} footer, if any. */
  public Optional<ReleaseAs> releaseAs() {
    for (Entry e : entries) {
      if (e.excluded.isEmpty() && e.releaseAs != null) {
        return Optional.of(new ReleaseAs(e.releaseAs.strip(), abbreviate(e.hash)));
      }
    }
    return Optional.empty();
  }

  /** Returns the commits read, newest first. */
  public List<AnalyzedCommit> commits() {
    List<AnalyzedCommit> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(
          new AnalyzedCommit(
              e.hash,
              abbreviate(e.hash),
              e.type,
              e.scope,
              e.description,
              e.breaking,
              e.breakingNotes,
              e.release,
              e.excluded));
    }
    return out;
  }

  /** Abbreviates a commit id to the 7 characters changelogs show. */
  public static String abbreviate(String hash) {
    return hash.length() <= 7 ? hash : hash.substring(0, 7);
  }
}
