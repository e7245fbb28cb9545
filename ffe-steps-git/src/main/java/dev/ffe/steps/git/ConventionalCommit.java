package dev.ffe.steps.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit message read per <a href="https://www.conventionalcommits.org/en/v1.0.0/">Conventional
 * Commits 1.0.0</a>: {@code type(scope)!: description}, an optional body, and footers in git
 * trailer form ({@code Token: value} or {@code Token #value}, values may span lines).
 *
 * <p>Parsing never fails: a message that does not follow the convention gives an instance whose
 * {@link #isConventional()} is false (it counts as no release). Git's own revert messages ({@code
 * Revert "feat: x"} with {@code This reverts commit <hash>.}) and {@code revert:} commits are read
 * as type {@code revert} with the reverted commit in {@link #revertedCommit()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConventionalCommit {
  private static final Pattern HEADER =
      Pattern.compile(
          "^(?<type>[A-Za-z][A-Za-z0-9_-]*)(?:\\((?<scope>[^()\\r\\n]*)\\))?(?<bang>!)?: +"
              + "(?<description>.*)$");
  // Numbered groups: looking a named group up costs a hash per call, and parse runs per commit.
  private static final int TYPE = 1;
  private static final int SCOPE = 2;
  private static final int BANG = 3;
  private static final int DESCRIPTION = 4;
  private static final Pattern GIT_REVERT_HEADER =
      Pattern.compile("^Revert \"(?<header>.+)\"\\s*$");
  private static final Pattern REVERTS_COMMIT =
      Pattern.compile("This reverts commit (?<hash>[0-9a-fA-F]{7,64})");
  private static final Pattern FOOTER =
      Pattern.compile("^(?<token>BREAKING CHANGE|[A-Za-z0-9][A-Za-z0-9-]*)(?:: | #)(?<value>.*)$");

  /** One footer (git trailer) of a commit message. Immutable and thread-safe. */
  public record Footer(String token, String value) {
    /** Checks both parts are present. */
    public Footer {
      Objects.requireNonNull(token, "token == null");
      Objects.requireNonNull(value, "value == null");
    }

    /** Returns true for {@code BREAKING CHANGE} and {@code BREAKING-CHANGE}. */
    public boolean isBreakingChange() {
      return token.equals("BREAKING CHANGE") || token.equals("BREAKING-CHANGE");
    }
  }

  private final String header;
  private final boolean conventional;
  private final String type;
  private final String scope;
  private final boolean bang;
  private final String description;
  private final String body;
  private final List<Footer> footers;
  private final String revertedCommit;
  private final boolean breaking;

  private ConventionalCommit(
      String header,
      boolean conventional,
      String type,
      String scope,
      boolean bang,
      String description,
      String body,
      List<Footer> footers,
      String revertedCommit) {
    this.header = header;
    this.conventional = conventional;
    this.type = type;
    this.scope = scope;
    this.bang = bang;
    this.description = description;
    this.body = body;
    this.footers = List.copyOf(footers);
    this.revertedCommit = revertedCommit;
    boolean breakingFooter = false;
    for (Footer footer : this.footers) {
      breakingFooter |= footer.isBreakingChange();
    }
    this.breaking = conventional && (bang || breakingFooter);
  }

  /** Parses a full commit message; never throws for any text. */
  public static ConventionalCommit parse(String message) {
    Objects.requireNonNull(message, "message == null");
    String text = message.indexOf('\r') >= 0 ? message.replace("\r\n", "\n") : message;
    int eol = text.indexOf('\n');
    String header = (eol < 0 ? text : text.substring(0, eol)).strip();
    String rest = eol < 0 ? "" : text.substring(eol + 1);
    List<String> lines = rest.isEmpty() ? List.of() : List.of(rest.split("\n", -1));
    int footerStart = footerStart(lines);
    String body = join(lines, 0, footerStart).strip();
    List<Footer> footers = parseFooters(lines, footerStart);
    Matcher gitRevert = GIT_REVERT_HEADER.matcher(header);
    boolean isGitRevert = gitRevert.matches();
    String revertedHash = "";
    if (isGitRevert || header.regionMatches(true, 0, "revert", 0, 6)) {
      Matcher reverts = REVERTS_COMMIT.matcher(rest);
      revertedHash = reverts.find() ? reverts.group(1).toLowerCase(Locale.ROOT) : "";
    }
    if (isGitRevert) {
      return new ConventionalCommit(
          header, true, "revert", "", false, gitRevert.group(1), body, footers, revertedHash);
    }
    Matcher m = HEADER.matcher(header);
    if (!m.matches() || m.group(DESCRIPTION).isBlank()) {
      return new ConventionalCommit(header, false, "", "", false, header, body, footers, "");
    }
    String type = m.group(TYPE).toLowerCase(Locale.ROOT);
    String scope = m.group(SCOPE) == null ? "" : m.group(SCOPE).strip();
    return new ConventionalCommit(
        header,
        true,
        type,
        scope,
        m.group(BANG) != null,
        m.group(DESCRIPTION).strip(),
        body,
        footers,
        type.equals("revert") ? revertedHash : "");
  }

  /**
   * Finds where the footers begin: at the first line that starts a {@code BREAKING CHANGE} footer
   * (semantic-release's angular parser finds those anywhere in the body) or at the last paragraph
   * when its first line is a footer (git's trailer rule), whichever comes first.
   */
  private static int footerStart(List<String> lines) {
    int lastParagraph = -1;
    int breaking = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (breaking < 0
          && (line.startsWith("BREAKING CHANGE: ") || line.startsWith("BREAKING-CHANGE: "))) {
        breaking = i;
      }
      if (!line.isBlank() && (i == 0 || lines.get(i - 1).isBlank())) {
        lastParagraph = i;
      }
    }
    int start = lines.size();
    if (lastParagraph >= 0 && FOOTER.matcher(lines.get(lastParagraph)).matches()) {
      start = lastParagraph;
    }
    return breaking >= 0 ? Math.min(breaking, start) : start;
  }

  private static List<Footer> parseFooters(List<String> lines, int start) {
    List<Footer> footers = new ArrayList<>();
    String token = null;
    StringBuilder value = new StringBuilder();
    for (int i = start; i < lines.size(); i++) {
      Matcher m = FOOTER.matcher(lines.get(i));
      if (m.matches()) {
        if (token != null) {
          footers.add(new Footer(token, value.toString().strip()));
        }
        token = m.group(1);
        value.setLength(0);
        value.append(m.group(2));
      } else if (token != null) {
        value.append('\n').append(lines.get(i));
      }
    }
    if (token != null) {
      footers.add(new Footer(token, value.toString().strip()));
    }
    return footers;
  }

  private static String join(List<String> lines, int from, int to) {
    return String.join("\n", lines.subList(from, to));
  }

  /** Returns true if the message follows the convention (or is a git revert message). */
  public boolean isConventional() {
    return conventional;
  }

  /** Returns the first line of the message, as written. */
  public String header() {
    return header;
  }

  /** Returns the type in lower case ({@code feat}, {@code fix}); empty if not conventional. */
  public String type() {
    return type;
  }

  /** Returns the scope ({@code api} in {@code feat(api): x}), if any. */
  public Optional<String> scope() {
    return scope.isEmpty() ? Optional.empty() : Optional.of(scope);
  }

  /**
   * Returns true if the message marks a breaking change, with {@code !} or a {@code BREAKING
   * CHANGE}/{@code BREAKING-CHANGE} footer.
   */
  public boolean isBreaking() {
    return breaking;
  }

  /**
   * Returns what the breaking change notes say: the {@code BREAKING CHANGE} footer values, or the
   * description when only {@code !} marks the break; empty if not breaking.
   */
  public List<String> breakingNotes() {
    if (!isBreaking()) {
      return List.of();
    }
    List<String> notes = new ArrayList<>();
    for (Footer footer : footers) {
      if (footer.isBreakingChange()) {
        notes.add(footer.value());
      }
    }
    return notes.isEmpty() ? List.of(description) : List.copyOf(notes);
  }

  /**
   * Returns the description (the header after {@code ": "}; the whole header if not conventional).
   */
  public String description() {
    return description;
  }

  /** Returns the body (between the header and the footers), stripped; empty if none. */
  public String body() {
    return body;
  }

  /** Returns the footers in message order. */
  public List<Footer> footers() {
    return footers;
  }

  /** Returns the value of the first footer whose token equals {@code token}, ignoring case. */
  public Optional<String> footer(String token) {
    Objects.requireNonNull(token, "token == null");
    for (Footer footer : footers) {
      if (footer.token().equalsIgnoreCase(token)) {
        return Optional.of(footer.value());
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the (possibly abbreviated) hash of the commit this one reverts, from its {@code This
   * reverts commit <hash>.} line, if it is a revert that names one.
   */
  public Optional<String> revertedCommit() {
    return revertedCommit.isEmpty() ? Optional.empty() : Optional.of(revertedCommit);
  }

  @Override
  public String toString() {
    return header;
  }
}
