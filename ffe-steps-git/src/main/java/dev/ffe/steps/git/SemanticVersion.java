package dev.ffe.steps.git;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version per <a href="https://semver.org/spec/v2.0.0.html">SemVer 2.0.0</a>: {@code
 * MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}.
 *
 * <p>{@link #compareTo} orders by SemVer precedence (so {@code 1.0.0-alpha < 1.0.0-alpha.1 <
 * 1.0.0-beta.2 < 1.0.0-beta.11 < 1.0.0}); build metadata has no precedence and only breaks ties so
 * that the order agrees with {@link #equals}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SemanticVersion implements Comparable<SemanticVersion> {
  // The regular expression suggested by semver.org, with named groups.
  private static final Pattern SEMVER =
      Pattern.compile(
          "^(?<major>0|[1-9]\\d*)\\.(?<minor>0|[1-9]\\d*)\\.(?<patch>0|[1-9]\\d*)"
              + "(?:-(?<pre>(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+(?<build>[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");
  private static final Pattern IDENTIFIER = Pattern.compile("[0-9A-Za-z-]+");

  private final long major;
  private final long minor;
  private final long patch;
  private final List<String> preRelease;
  private final List<String> build;

  private SemanticVersion(
      long major, long minor, long patch, List<String> preRelease, List<String> build) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.preRelease = List.copyOf(preRelease);
    this.build = List.copyOf(build);
  }

  /**
   * Creates a release version {@code major.minor.patch}.
   *
   * @throws IllegalArgumentException if a number is negative
   */
  public static SemanticVersion of(long major, long minor, long patch) {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException(
          "version numbers must not be negative: " + major + "." + minor + "." + patch);
    }
    return new SemanticVersion(major, minor, patch, List.of(), List.of());
  }

  /**
   * Parses a SemVer 2.0.0 version such as {@code 1.3.0-beta.2+build.5}; a leading {@code v} is not
   * part of a version (strip the tag prefix first).
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  @JsonCreator
  public static SemanticVersion parse(String text) {
    Objects.requireNonNull(text, "text == null");
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + text
                        + "' is not a semantic version: expected MAJOR.MINOR.PATCH"
                        + "[-PRERELEASE][+BUILD] such as 1.4.0 or 2.0.0-beta.1"));
  }

  /** Parses a SemVer 2.0.0 version, or returns empty when {@code text} is not one. */
  public static Optional<SemanticVersion> tryParse(String text) {
    Objects.requireNonNull(text, "text == null");
    Matcher m = SEMVER.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new SemanticVersion(
              Long.parseLong(m.group("major")),
              Long.parseLong(m.group("minor")),
              Long.parseLong(m.group("patch")),
              split(m.group("pre")),
              split(m.group("build"))));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  private static List<String> split(String dotted) {
    return dotted == null ? List.of() : List.of(dotted.split("\\."));
  }

  /** Returns the major number. */
  public long major() {
    return major;
  }

  /** Returns the minor number. */
  public long minor() {
    return minor;
  }

  /** Returns the patch number. */
  public long patch() {
    return patch;
  }

  /** Returns the pre-release identifiers ({@code [beta, 2]} for {@code 1.0.0-beta.2}). */
  public List<String> preRelease() {
    return preRelease;
  }

  /** Returns the build metadata identifiers; they take no part in precedence. */
  public List<String> build() {
    return build;
  }

  /** Returns true if this is a pre-release ({@code 1.3.0-beta.1}). */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /** Returns the pre-release channel: the first pre-release identifier, if any. */
  public Optional<String> channel() {
    return preRelease.isEmpty() ? Optional.empty() : Optional.of(preRelease.get(0));
  }

  /** Returns this version without pre-release and build ({@code 1.3.0-beta.1 -> 1.3.0}). */
  public SemanticVersion release() {
    return of(major, minor, patch);
  }

  /**
   * Returns the next version for a release of {@code type}, as node-semver's {@code inc} does: a
   * release bumps the named number and zeroes the lower ones, and a pre-release that already
   * anticipates the bump is simply released ({@code 2.0.0-beta.3} bumped MAJOR is {@code 2.0.0}).
   * {@link ReleaseType#NONE} returns this version.
   */
  public SemanticVersion bump(ReleaseType type) {
    Objects.requireNonNull(type, "type == null");
    boolean pre = isPreRelease();
    return switch (type) {
      case NONE -> this;
      case MAJOR -> pre && minor == 0 && patch == 0 ? release() : of(major + 1, 0, 0);
      case MINOR -> pre && patch == 0 ? release() : of(major, minor + 1, 0);
      case PATCH -> pre ? release() : of(major, minor, patch + 1);
    };
  }

  /**
   * Returns this version with the pre-release {@code channel.number} ({@code 1.3.0} with {@code
   * beta}, 1 gives {@code 1.3.0-beta.1}).
   *
   * @throws IllegalArgumentException if {@code channel} is not a valid pre-release identifier
   */
  public SemanticVersion withPreRelease(String channel, long number) {
    requireChannel(channel);
    if (number < 0) {
      throw new IllegalArgumentException("pre-release number must not be negative: " + number);
    }
    return new SemanticVersion(
        major, minor, patch, List.of(channel, Long.toString(number)), List.of());
  }

  /**
   * Returns the next pre-release of the same version: the last numeric identifier plus one ({@code
   * 1.3.0-beta.1 -> 1.3.0-beta.2}), or {@code .0} appended when there is none.
   *
   * @throws IllegalStateException if this is not a pre-release
   */
  public SemanticVersion nextPreRelease() {
    if (!isPreRelease()) {
      throw new IllegalStateException(this + " is not a pre-release");
    }
    List<String> ids = new ArrayList<>(preRelease);
    int last = ids.size() - 1;
    if (isNumeric(ids.get(last))) {
      ids.set(last, Long.toString(Long.parseLong(ids.get(last)) + 1));
    } else {
      ids.add("0");
    }
    return new SemanticVersion(major, minor, patch, ids, List.of());
  }

  static void requireChannel(String channel) {
    Objects.requireNonNull(channel, "channel == null");
    if (!IDENTIFIER.matcher(channel).matches() || isNumeric(channel)) {
      throw new IllegalArgumentException(
          "pre-release channel '"
              + channel
              + "' is not a SemVer identifier: use letters, digits and '-', e.g. beta or rc");
    }
  }

  private static boolean isNumeric(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return false;
      }
    }
    return !id.isEmpty();
  }

  @Override
  public int compareTo(SemanticVersion o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    if (c == 0) {
      c = comparePreRelease(preRelease, o.preRelease);
    }
    if (c == 0) {
      c = String.join(".", build).compareTo(String.join(".", o.build));
    }
    return c;
  }

  /** Returns true if this version has higher precedence than {@code other}. */
  public boolean isAfter(SemanticVersion other) {
    return compareTo(other) > 0;
  }

  private static int comparePreRelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      // A release has higher precedence than any of its pre-releases.
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xn = isNumeric(x);
      boolean yn = isNumeric(y);
      int c;
      if (xn && yn) {
        c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
      } else if (xn || yn) {
        c = xn ? -1 : 1; // numeric identifiers have lower precedence than alphanumeric ones
      } else {
        c = x.compareTo(y); // ASCII order
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SemanticVersion v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, preRelease, build);
  }

  /** Returns the version as SemVer text, e.g. {@code 1.3.0-beta.2}. */
  @JsonValue
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder().append(major).append('.').append(minor).append('.');
    sb.append(patch);
    if (!preRelease.isEmpty()) {
      sb.append('-').append(String.join(".", preRelease));
    }
    if (!build.isEmpty()) {
      sb.append('+').append(String.join(".", build));
    }
    return sb.toString();
  }
}
