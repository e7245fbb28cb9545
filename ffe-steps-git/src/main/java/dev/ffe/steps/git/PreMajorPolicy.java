package dev.ffe.steps.git;

/**
 * How commits bump a version whose major number is 0 (SemVer item 4: "anything may change at any
 * time" before 1.0.0).
 *
 * <p>Immutable and thread-safe.
 */
public enum PreMajorPolicy {
  /**
   * Shifts bumps down while the major is 0: a breaking change bumps the minor and a feature bumps
   * the patch, so a project leaves 0.x only when it decides to (force {@link ReleaseType#MAJOR} or
   * use a {@code Release-As: 1.0.0} footer). The default.
   */
  SHIFT_DOWN,
  /** Bumps as for any other version: a breaking change on {@code 0.4.2} gives {@code 1.0.0}. */
  STRICT;

  /** Returns the bump to apply to {@code current} for commits that call for {@code type}. */
  public ReleaseType adjust(SemanticVersion current, ReleaseType type) {
    if (this == STRICT || current.major() != 0) {
      return type;
    }
    return switch (type) {
      case MAJOR -> ReleaseType.MINOR;
      case MINOR -> ReleaseType.PATCH;
      default -> type;
    };
  }
}
