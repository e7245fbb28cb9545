package dev.ffe.core.internal.report;

/** Escapes text from a result for HTML and inline SVG, which share the HTML parser. */
final class Html {
  private Html() {}

  /**
   * Returns {@code text} safe inside element content and double- or single-quoted attributes;
   * control characters that HTML forbids become U+FFFD so a hostile output cannot break parsing.
   */
  static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement;
      switch (c) {
        case '&':
          replacement = "&amp;";
          break;
        case '<':
          replacement = "&lt;";
          break;
        case '>':
          replacement = "&gt;";
          break;
        case '"':
          replacement = "&quot;";
          break;
        case '\'':
          replacement = "&#39;";
          break;
        default:
          replacement = isForbidden(c) ? "\uFFFD" : null;
      }
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(replacement);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean isForbidden(char c) {
    return (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f || c == 0xfffe;
  }

  /** Returns {@code text} cut to {@code max} characters with an ellipsis and the rest's length. */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "\u2026 (+" + (text.length() - cut) + " chars)";
  }

  /** Returns {@code text} cut to {@code max} characters with a trailing ellipsis, for labels. */
  static String truncateShort(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max - 1;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "\u2026";
  }
}
