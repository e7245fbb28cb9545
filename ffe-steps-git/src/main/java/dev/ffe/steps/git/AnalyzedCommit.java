package dev.ffe.steps.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One commit of the analyzed range that the rules read: a conventional commit (or one with a {@code
 * Release-As} footer) and the release it calls for.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hash the full commit id
 * @param shortHash the commit id abbreviated to 7 characters, as changelogs show it
 * @param type the conventional type in lower case ({@code feat}); empty if not conventional
 * @param scope the scope; empty if none
 * @param description the description (the header after {@code ": "})
 * @param breaking true if the commit marks a breaking change
 * @param breakingNotes what the breaking change notes say; empty if not breaking
 * @param release the release this commit calls for under the rules in force
 * @param excluded why the commit does not count (e.g. {@code reverted by 1a2b3c4}); empty if it
 *     counts
 */
public record AnalyzedCommit(
    @JsonProperty("hash") String hash,
    @JsonProperty("short_hash") String shortHash,
    @JsonProperty("type") String type,
    @JsonProperty("scope") String scope,
    @JsonProperty("description") String description,
    @JsonProperty("breaking") boolean breaking,
    @JsonProperty("breaking_notes") List<String> breakingNotes,
    @JsonProperty("release") ReleaseType release,
    @JsonProperty("excluded") String excluded) {

  /** Checks that no component is null and copies the notes. */
  public AnalyzedCommit {
    Objects.requireNonNull(hash, "hash == null");
    Objects.requireNonNull(shortHash, "shortHash == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(description, "description == null");
    breakingNotes = List.copyOf(breakingNotes);
    Objects.requireNonNull(release, "release == null");
    Objects.requireNonNull(excluded, "excluded == null");
  }

  /** Returns true if the commit counts towards the release (it was not reverted in the range). */
  public boolean counts() {
    return excluded.isEmpty();
  }
}
