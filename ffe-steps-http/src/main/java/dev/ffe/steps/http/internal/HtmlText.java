package dev.ffe.steps.http.internal;

import java.util.Locale;

/**
 * Escapes and formats text for the HTML load-test report and its inline SVG, which share the HTML
 * parser (escaping copied from ffe-core's run report, which a step module may not import).
 *
 * <p>Thread-safe: stateless.
 */
public final class HtmlText {
  private HtmlText() {}

  /**
   * Returns {@code text} safe inside element content and double- or single-quoted attributes;
   * control characters that HTML forbids become U+FFFD so hostile text cannot break parsing.
   */
  public static String escape(String text) {
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

  /** Formats an SVG coordinate with at most one decimal. */
  static String coordinate(double v) {
    double rounded = Math.round(v * 10) / 10.0;
    return rounded == Math.rint(rounded)
        ? Long.toString((long) rounded)
        : String.format(Locale.ROOT, "%.1f", rounded);
  }

  /** Formats a latency in milliseconds with three significant digits or more, e.g. 0.412, 12.3. */
  static String millis(double ms) {
    if (ms >= 100) {
      return String.format(Locale.ROOT, "%.0f", ms);
    }
    if (ms >= 10) {
      return String.format(Locale.ROOT, "%.1f", ms);
    }
    if (ms >= 1) {
      return String.format(Locale.ROOT, "%.2f", ms);
    }
    return String.format(Locale.ROOT, "%.3f", ms);
  }

  /** Formats a fraction as a percentage with two decimals, e.g. 0.5 % for 0.005. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
  }

  /** Formats a number without a fraction when it has none, else with up to three decimals. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
