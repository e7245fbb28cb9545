package dev.ffe.core.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ffe.core.AttemptResult;
import dev.ffe.core.StepResult;
import dev.ffe.core.internal.ResultJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Renders the step tree as a table: status, attempts, timing, output and errors per step. */
final class StepTable {
  /** Output shown inline; longer output folds into a details element. */
  static final int PREVIEW_CHARS = 160;

  /** Output kept at all; the result JSON holds the rest. */
  static final int FULL_CHARS = 4000;

  private StepTable() {}

  static String render(Instant origin, List<Row> rows) {
    StringBuilder html = new StringBuilder(2048 + rows.size() * 500);
    html.append("<table class=\"steps\">\n<thead><tr><th>Step</th><th>Status</th>")
        .append("<th class=\"num\">Attempts</th><th class=\"num\">Duration</th>")
        .append("<th class=\"num\">Start</th><th>Output / error</th></tr></thead>\n<tbody>\n");
    for (Row row : rows) {
      StepResult step = row.step();
      html.append("<tr data-step=\"")
          .append(Html.escape(row.path()))
          .append("\"")
          .append(row.roleLabel().isEmpty() ? "" : " class=\"role\"")
          .append("><td class=\"name\" style=\"padding-left:")
          .append(8 + row.depth() * 18)
          .append("px\">");
      if (!row.roleLabel().isEmpty()) {
        html.append("<span class=\"role-badge\">")
            .append(row.compensation() ? "\u21ba " : "")
            .append(Html.escape(row.roleLabel()))
            .append("</span> ");
      }
      html.append(row.isGroup() ? "<strong>" : "")
          .append(Html.escape(step.name()))
          .append(row.isGroup() ? "</strong>" : "")
          .append("</td><td><span class=\"badge\" style=\"background:")
          .append(Status.colour(step.status()))
          .append("\">")
          .append(Html.escape(Status.label(step.status())))
          .append("</span></td><td class=\"num\">")
          .append(step.attempts().size())
          .append("</td><td class=\"num\">")
          .append(Html.escape(TimeScale.format(step.duration())))
          .append("</td><td class=\"num\">")
          .append(
              step.startedAt()
                  .map(t -> "+" + Html.escape(TimeScale.format(Duration.between(origin, t))))
                  .orElse("\u2014"))
          .append("</td><td class=\"detail\">");
      step.error()
          .ifPresent(
              e ->
                  html.append(
                          step.status().isFailure()
                              ? "<div class=\"error\""
                              : "<div class=\"reason\"")
                      .append(
                          step.errorType().map(t -> " title=\"" + Html.escape(t) + "\"").orElse(""))
                      .append('>')
                      .append(Html.escape(Html.truncate(e, FULL_CHARS)))
                      .append("</div>"));
      step.output().ifPresent(o -> output(html, o));
      if (step.attempts().size() > 1) {
        attempts(html, origin, step.attempts());
      }
      html.append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n");
    return html.toString();
  }

  private static void output(StringBuilder html, Object output) {
    String compact = json(output, false);
    if (compact.length() <= PREVIEW_CHARS && compact.indexOf('\n') < 0) {
      html.append("<code class=\"output\">").append(Html.escape(compact)).append("</code>");
      return;
    }
    html.append("<details class=\"output\"><summary><code>")
        .append(Html.escape(Html.truncate(compact.replace('\n', ' '), PREVIEW_CHARS)))
        .append("</code></summary><pre>")
        .append(Html.escape(Html.truncate(json(output, true), FULL_CHARS)))
        .append("</pre></details>");
  }

  /** Returns JSON for maps, lists and numbers, and plain text for strings: it reads better. */
  static String json(Object output, boolean pretty) {
    if (output instanceof CharSequence) {
      return output.toString();
    }
    try {
      return pretty
          ? ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(output)
          : ResultJson.MAPPER.writeValueAsString(output);
    } catch (JsonProcessingException | RuntimeException e) {
      return String.valueOf(output);
    }
  }

  private static void attempts(StringBuilder html, Instant origin, List<AttemptResult> attempts) {
    html.append("<ol class=\"attempt-list\">");
    for (AttemptResult a : attempts) {
      html.append("<li>");
      if (!a.delayBefore().isZero()) {
        html.append("<span class=\"backoff-note\">after ")
            .append(Html.escape(TimeScale.format(a.delayBefore())))
            .append(" backoff</span> ");
      }
      html.append("<span class=\"dot\" style=\"background:")
          .append(Status.colour(a.status()))
          .append("\"></span>")
          .append(Html.escape(Status.label(a.status())))
          .append(" at +")
          .append(Html.escape(TimeScale.format(Duration.between(origin, a.startedAt()))))
          .append(" for ")
          .append(Html.escape(TimeScale.format(a.duration())));
      a.errorMessage()
          .ifPresent(
              e ->
                  html.append(" <span class=\"error\">")
                      .append(Html.escape(Html.truncate(e, 300)))
                      .append("</span>"));
      html.append("</li>");
    }
    html.append("</ol>");
  }
}
