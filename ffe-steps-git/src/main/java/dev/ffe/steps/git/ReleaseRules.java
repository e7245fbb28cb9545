package dev.ffe.steps.git;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which release each commit calls for. The {@linkplain #angular() default} is semantic-release's
 * angular preset: a breaking change is major, {@code feat} minor, {@code fix}, {@code perf} and
 * {@code revert} patch, anything else (and any message that is not conventional) none.
 *
 * <p>Immutable and thread-safe; build variants with {@link #toBuilder()}.
 */
public final class ReleaseRules {
  private static final ReleaseRules ANGULAR =
      builder()
          .withType("feat", ReleaseType.MINOR)
          .withType("fix", ReleaseType.PATCH)
          .withType("perf", ReleaseType.PATCH)
          .withType("revert", ReleaseType.PATCH)
          .build();

  private final Map<String, ReleaseType> types;
  private final ReleaseType breaking;

  private ReleaseRules(Builder builder) {
    this.types = Collections.unmodifiableMap(new LinkedHashMap<>(builder.types));
    this.breaking = builder.breaking;
  }

  /** Returns semantic-release's default (angular) rules. */
  public static ReleaseRules angular() {
    return ANGULAR;
  }

  /** Returns a builder with no type rules and breaking changes as {@link ReleaseType#MAJOR}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from these rules. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.types.putAll(types);
    builder.breaking = breaking;
    return builder;
  }

  /** Returns the release each type calls for (lower-case types), in the order they were added. */
  public Map<String, ReleaseType> types() {
    return types;
  }

  /** Returns the release a breaking change calls for, whatever its type. */
  public ReleaseType breaking() {
    return breaking;
  }

  /** Returns the release {@code commit} calls for. */
  public ReleaseType releaseFor(ConventionalCommit commit) {
    Objects.requireNonNull(commit, "commit == null");
    if (!commit.isConventional()) {
      return ReleaseType.NONE;
    }
    ReleaseType byType = types.getOrDefault(commit.type(), ReleaseType.NONE);
    return commit.isBreaking() ? byType.max(breaking) : byType;
  }

  @Override
  public String toString() {
    return "ReleaseRules{breaking=" + breaking.label() + ", types=" + types + "}";
  }

  /** Collects rules. Not thread-safe. */
  public static final class Builder {
    private final Map<String, ReleaseType> types = new LinkedHashMap<>();
    private ReleaseType breaking = ReleaseType.MAJOR;

    private Builder() {}

    /** Sets the release commits of {@code type} call for (types compare ignoring case). */
    public Builder withType(String type, ReleaseType release) {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(release, "release == null");
      if (type.isBlank()) {
        throw new IllegalArgumentException("commit type is blank: name a type such as feat");
      }
      types.put(type.strip().toLowerCase(Locale.ROOT), release);
      return this;
    }

    /** Sets the release a breaking change calls for (default major). */
    public Builder withBreaking(ReleaseType release) {
      this.breaking = Objects.requireNonNull(release, "release == null");
      return this;
    }

    /** Returns the immutable rules. */
    public ReleaseRules build() {
      return new ReleaseRules(this);
    }
  }
}
