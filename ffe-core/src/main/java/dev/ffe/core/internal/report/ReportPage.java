package dev.ffe.core.internal.report;

import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowStep;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Assembles the self-contained report page: inline CSS, inline SVG, no script, and a content
 * security policy that forbids every fetch and script, so even a mistake in escaping could neither
 * run code nor reach the network.
 */
public final class ReportPage {
  /** Rows beyond this are left out of the timeline and the table, with a note saying so. */
  public static final int MAX_ROWS = 2000;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private static final String CSS =
      """
      :root{color-scheme:light}
      *{box-sizing:border-box}
      body{margin:0;padding:20px 28px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",\
      Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif;color:#212529;background:#fff}
      h1{font-size:22px;margin:0 0 4px}
      h2{font-size:16px;margin:26px 0 8px;border-bottom:1px solid #dee2e6;padding-bottom:4px}
      .meta{color:#495057;margin:0 0 6px}
      .meta span{margin-right:14px}
      .badge{display:inline-block;color:#fff;border-radius:10px;padding:0 9px;font-size:12px;\
      font-weight:600;line-height:20px;white-space:nowrap}
      .badge.big{font-size:14px;line-height:24px;padding:0 12px;vertical-align:middle}
      .reason{color:#868e96;font-style:italic}
      .error{color:#c92a2a;white-space:pre-wrap;word-break:break-word}
      .workflow-error{background:#fff5f5;border:1px solid #ffc9c9;border-radius:6px;\
      padding:6px 10px;margin:8px 0}
      .legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;color:#495057;margin:6px 0}
      .legend i{display:inline-block;width:14px;height:10px;border-radius:2px;margin-right:5px;\
      vertical-align:baseline}
      .legend i.hatch{background:repeating-linear-gradient(45deg,#fff8e1 0 3px,#e0a800 3px 5px)}
      .scroll{overflow-x:auto;border:1px solid #e9ecef;border-radius:6px}
      .scroll svg{display:block}
      .scroll svg.timeline{width:100%;height:auto;min-width:960px}
      .note{color:#868e96;font-style:italic}
      table.steps{border-collapse:collapse;width:100%;font-size:13px}
      table.steps th{text-align:left;background:#f1f3f5;padding:5px 8px;border-bottom:1px solid #dee2e6}
      table.steps td{padding:4px 8px;border-bottom:1px solid #f1f3f5;vertical-align:top}
      table.steps tr.role td{background:#f8f5ff}
      .num{text-align:right;white-space:nowrap}
      td.name{white-space:nowrap}
      td.detail{max-width:640px}
      code,pre{font:12px/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",\
      monospace;white-space:pre-wrap;word-break:break-word}
      pre{margin:4px 0;background:#f8f9fa;padding:6px;border-radius:4px;max-height:320px;\
      overflow:auto}
      details summary{cursor:pointer}
      .role-badge{color:#7048e8;font-size:11px;font-weight:600;text-transform:uppercase}
      ol.attempt-list{margin:2px 0 0;padding-left:22px;font-size:12px;color:#495057}
      .dot{display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:4px}
      .backoff-note{color:#8a6d00}
      footer{margin-top:24px;color:#adb5bd;font-size:11px}
      """;

  private ReportPage() {}

  /** Renders the page; {@code definition}, when present, makes the graph's group types exact. */
  public static String render(WorkflowResult result, Optional<WorkflowStep> definition) {
    StepResult root = result.root();
    GroupKinds kinds = definition.map(GroupKinds::declaredBy).orElseGet(GroupKinds::inferred);
    int total = Row.count(root);
    List<Row> rows = Row.flatten(root, MAX_ROWS);
    StringBuilder html = new StringBuilder(16_384 + rows.size() * 1500);
    String name = Html.escape(result.workflowName());
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" style-src 'unsafe-inline'; img-src data:\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(name)
        .append(" \u2014 ")
        .append(Html.escape(Status.label(result.status())))
        .append(" \u2014 FFE run report</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    header(html, result, root, name);
    html.append("<h2>Timeline</h2>\n");
    legend(html);
    truncationNote(html, rows.size(), total);
    html.append("<div class=\"scroll\">\n")
        .append(TimelineSvg.render(result, rows))
        .append("</div>\n<h2>Graph</h2>\n<div class=\"scroll\">\n")
        .append(GraphSvg.render(root, kinds))
        .append("</div>\n<h2>Steps</h2>\n");
    truncationNote(html, rows.size(), total);
    html.append(StepTable.render(TimelineSvg.origin(root), rows))
        .append("<footer>Generated by FFE from the run's result; times are on the workflow clock.")
        .append(
            definition.isPresent()
                ? ""
                : " Group types in the graph are inferred from timing (overlap means parallel).")
        .append("</footer>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void header(
      StringBuilder html, WorkflowResult result, StepResult root, String name) {
    int leaves = 0;
    int attempts = 0;
    int retried = 0;
    int failed = 0;
    int skipped = 0;
    for (Row row : Row.flatten(root, Integer.MAX_VALUE)) {
      StepResult step = row.step();
      if (row.isGroup()) {
        continue;
      }
      leaves++;
      attempts += step.attempts().size();
      retried += Math.max(0, step.attempts().size() - 1);
      if (step.status().isFailure()) {
        failed++;
      } else if (step.status() == StepStatus.SKIPPED || step.status() == StepStatus.PENDING) {
        skipped++;
      }
    }
    html.append("<header>\n<h1>")
        .append(name)
        .append(" <span class=\"badge big\" style=\"background:")
        .append(Status.colour(result.status()))
        .append("\">")
        .append(Html.escape(Status.label(result.status())))
        .append("</span></h1>\n<p class=\"meta\"><span>started ")
        .append(root.startedAt().map(t -> Html.escape(STAMP.format(t))).orElse("never"))
        .append("</span><span>duration ")
        .append(Html.escape(TimeScale.format(result.duration())))
        .append("</span><span>")
        .append(leaves)
        .append(" leaf steps</span><span>")
        .append(attempts)
        .append(" attempts (")
        .append(retried)
        .append(" retries)</span><span>")
        .append(failed)
        .append(" failed</span><span>")
        .append(skipped)
        .append(" skipped or not run</span></p>\n");
    result
        .error()
        .ifPresent(
            e ->
                html.append("<div class=\"workflow-error error\">")
                    .append(Html.escape(Html.truncate(e, StepTable.FULL_CHARS)))
                    .append("</div>\n"));
    html.append("</header>\n");
  }

  private static void legend(StringBuilder html) {
    html.append("<div class=\"legend\">");
    for (StepStatus s :
        new StepStatus[] {
          StepStatus.COMPLETED,
          StepStatus.FAILED,
          StepStatus.TIMED_OUT,
          StepStatus.CANCELLED,
          StepStatus.SKIPPED
        }) {
      html.append("<span><i style=\"background:")
          .append(Status.colour(s))
          .append("\"></i>")
          .append(Status.label(s))
          .append("</span>");
    }
    html.append("<span><i class=\"hatch\"></i>backoff before a retry</span>")
        .append(
            "<span><i style=\"background:#7048e8\"></i>compensation / always / on failure</span>")
        .append(
            "<span><i style=\"background:#2e9e4f;opacity:.45;height:5px\"></i>group span</span>")
        .append("</div>\n");
  }

  private static void truncationNote(StringBuilder html, int shown, int total) {
    if (shown < total) {
      html.append("<p class=\"note\">Showing the first ")
          .append(shown)
          .append(" of ")
          .append(total)
          .append(" steps; the result JSON has them all.</p>\n");
    }
  }
}
