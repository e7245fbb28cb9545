package dev.ffe.core.internal.report;

import static dev.ffe.core.internal.report.TimeScale.n;

import dev.ffe.core.AttemptResult;
import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Draws the Gantt chart: one row per step (indented by depth), one bar per leaf attempt on the
 * workflow clock, backoff gaps hatched and labelled, group spans as thin bars, a tick axis on top.
 */
final class TimelineSvg {
  static final double WIDTH = 1320;
  private static final double LABEL_WIDTH = 270;
  private static final double SUMMARY_WIDTH = 130;
  private static final double AXIS_HEIGHT = 30;
  private static final double ROW_HEIGHT = 24;
  private static final double BAR_HEIGHT = 14;
  private static final double MIN_BAR = 3;
  private static final int LABEL_CHARS = 34;

  private TimelineSvg() {}

  /** A leaf attempt placed on its row, for drawing in start order. */
  private record Placed(Row row, int rowIndex, AttemptResult attempt, int order) {}

  static String render(WorkflowResult result, List<Row> rows) {
    Instant origin = origin(result.root());
    TimeScale scale =
        new TimeScale(
            origin, end(origin, rows), LABEL_WIDTH + 10, WIDTH - LABEL_WIDTH - SUMMARY_WIDTH - 20);
    double height = AXIS_HEIGHT + rows.size() * ROW_HEIGHT + 8;
    StringBuilder svg = new StringBuilder(4096 + rows.size() * 600);
    svg.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(n(WIDTH))
        .append(' ')
        .append(n(height))
        .append("\" width=\"")
        .append(n(WIDTH))
        .append("\" height=\"")
        .append(n(height))
        .append("\" role=\"img\" aria-label=\"timeline of the run\">\n")
        .append("<defs><pattern id=\"backoff-hatch\" width=\"6\" height=\"6\"")
        .append(" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
        .append("<rect width=\"6\" height=\"6\" fill=\"#fff8e1\"/>")
        .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#e0a800\" stroke-width=\"2\"/>")
        .append("</pattern></defs>\n");
    rowBackgrounds(svg, rows);
    axis(svg, scale, height);
    List<Placed> placed = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      double y = AXIS_HEIGHT + i * ROW_HEIGHT;
      label(svg, row, y);
      summary(svg, row.step(), y);
      if (row.isGroup()) {
        groupSpan(svg, row, scale, y);
      } else if (row.step().attempts().isEmpty()) {
        notRun(svg, row, scale, y);
      } else {
        for (AttemptResult attempt : row.step().attempts()) {
          placed.add(new Placed(row, i, attempt, placed.size()));
        }
      }
    }
    // Bars in start order, so the document reads like the run did.
    placed.sort(
        Comparator.comparing((Placed p) -> p.attempt().startedAt())
            .thenComparingInt(Placed::order));
    svg.append("<g class=\"attempts\">\n");
    for (Placed p : placed) {
      attempt(svg, p, scale);
    }
    svg.append("</g>\n</svg>\n");
    return svg.toString();
  }

  /**
   * Returns the run's start, or for a run that never started (no start recorded on the root) the
   * earliest start below it, so such a result still renders.
   */
  static Instant origin(StepResult root) {
    if (root.startedAt().isPresent()) {
      return root.startedAt().get();
    }
    Instant earliest = null;
    for (Row row : Row.flatten(root, Integer.MAX_VALUE)) {
      Optional<Instant> start = row.step().startedAt();
      if (start.isPresent() && (earliest == null || start.get().isBefore(earliest))) {
        earliest = start.get();
      }
    }
    return earliest == null ? Instant.EPOCH : earliest;
  }

  private static Instant end(Instant origin, List<Row> rows) {
    Instant end = origin;
    for (Row row : rows) {
      StepResult step = row.step();
      if (step.finishedAt().isPresent() && step.finishedAt().get().isAfter(end)) {
        end = step.finishedAt().get();
      }
      for (AttemptResult a : step.attempts()) {
        if (a.finishedAt().isAfter(end)) {
          end = a.finishedAt();
        }
      }
    }
    return end;
  }

  private static void rowBackgrounds(StringBuilder svg, List<Row> rows) {
    svg.append("<g class=\"rows\">\n");
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      String fill = !row.roleLabel().isEmpty() ? "#f3f0ff" : i % 2 == 0 ? "#ffffff" : "#f8f9fa";
      double y = AXIS_HEIGHT + i * ROW_HEIGHT;
      svg.append("<rect x=\"0\" y=\"")
          .append(n(y))
          .append("\" width=\"")
          .append(n(WIDTH))
          .append("\" height=\"")
          .append(n(ROW_HEIGHT))
          .append("\" fill=\"")
          .append(fill)
          .append("\"/>");
      if (!row.roleLabel().isEmpty()) {
        svg.append("<rect x=\"0\" y=\"")
            .append(n(y))
            .append("\" width=\"4\" height=\"")
            .append(n(ROW_HEIGHT))
            .append("\" fill=\"#7048e8\"/>");
      }
      svg.append('\n');
    }
    svg.append("</g>\n");
  }

  private static void axis(StringBuilder svg, TimeScale scale, double height) {
    long tick = scale.tickMillis(10);
    long spanMs = scale.span().toMillis();
    svg.append("<g class=\"axis\" font-size=\"11\" fill=\"#495057\">\n");
    for (long t = 0; t <= spanMs; t += tick) {
      double x = scale.x(scale.origin().plusMillis(t));
      svg.append("<line x1=\"")
          .append(n(x))
          .append("\" y1=\"")
          .append(n(AXIS_HEIGHT - 6))
          .append("\" x2=\"")
          .append(n(x))
          .append("\" y2=\"")
          .append(n(height - 8))
          .append("\" stroke=\"#dee2e6\" stroke-width=\"1\"/>")
          .append("<text class=\"tick\" x=\"")
          .append(n(x))
          .append("\" y=\"")
          .append(n(AXIS_HEIGHT - 10))
          .append("\" text-anchor=\"middle\">")
          .append(t == 0 ? "0" : Html.escape(TimeScale.format(Duration.ofMillis(t))))
          .append("</text>\n");
    }
    svg.append("</g>\n");
  }

  private static void label(StringBuilder svg, Row row, double y) {
    StepResult step = row.step();
    String name = step.name();
    double x = 10 + row.depth() * 14;
    svg.append("<text class=\"row-label\" x=\"")
        .append(n(x))
        .append("\" y=\"")
        .append(n(y + 16))
        .append("\" font-size=\"12\"")
        .append(row.isGroup() ? " font-weight=\"600\"" : "")
        .append(" fill=\"#212529\">");
    if (!row.roleLabel().isEmpty()) {
      svg.append("<tspan fill=\"#7048e8\" font-size=\"10\">")
          .append(row.compensation() ? "\u21ba " : "")
          .append(Html.escape(row.roleLabel()))
          .append(" </tspan>");
    }
    int room = Math.max(8, LABEL_CHARS - row.depth() * 2 - row.roleLabel().length());
    svg.append(Html.escape(Html.truncateShort(name, room)))
        .append("<title>")
        .append(Html.escape(row.depth() == 0 ? name : step.path()))
        .append("</title></text>\n");
  }

  private static void summary(StringBuilder svg, StepResult step, double y) {
    int attempts = step.attempts().size();
    svg.append("<text class=\"row-summary\" x=\"")
        .append(n(WIDTH - 8))
        .append("\" y=\"")
        .append(n(y + 16))
        .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"")
        .append(step.status() == StepStatus.SKIPPED ? "#868e96" : "#495057")
        .append("\">")
        .append(Html.escape(Status.label(step.status())))
        .append(" \u00b7 ")
        .append(Html.escape(TimeScale.format(step.duration())));
    if (attempts > 1) {
      svg.append(" \u00b7 ").append(attempts).append("\u00d7");
    }
    svg.append("</text>\n");
  }

  private static void groupSpan(StringBuilder svg, Row row, TimeScale scale, double y) {
    StepResult step = row.step();
    if (step.startedAt().isEmpty()) {
      notRun(svg, row, scale, y);
      return;
    }
    double x1 = scale.x(step.startedAt().get());
    double x2 = scale.x(step.finishedAt().orElse(step.startedAt().get()));
    svg.append("<rect class=\"group-span\" data-step=\"")
        .append(Html.escape(row.path()))
        .append("\" data-status=\"")
        .append(step.status().jsonName())
        .append("\" x=\"")
        .append(n(x1))
        .append("\" y=\"")
        .append(n(y + 9))
        .append("\" width=\"")
        .append(n(Math.max(MIN_BAR, x2 - x1)))
        .append("\" height=\"6\" rx=\"2\" fill=\"")
        .append(Status.colour(step.status()))
        .append("\" fill-opacity=\"0.45\"><title>")
        .append(Html.escape(title(row, step)))
        .append("</title></rect>\n");
  }

  private static void notRun(StringBuilder svg, Row row, TimeScale scale, double y) {
    StepResult step = row.step();
    double x = step.startedAt().map(scale::x).orElse(LABEL_WIDTH + 10);
    svg.append("<g class=\"not-run\" data-step=\"")
        .append(Html.escape(row.path()))
        .append("\"><rect x=\"")
        .append(n(x))
        .append("\" y=\"")
        .append(n(y + 6))
        .append("\" width=\"")
        .append(n(MIN_BAR + 2))
        .append("\" height=\"")
        .append(n(BAR_HEIGHT - 2))
        .append("\" fill=\"")
        .append(Status.colour(StepStatus.SKIPPED))
        .append("\"/><text x=\"")
        .append(n(x + 10))
        .append("\" y=\"")
        .append(n(y + 16))
        .append("\" font-size=\"11\" font-style=\"italic\" fill=\"#868e96\">")
        .append(Html.escape(Status.label(step.status())))
        .append(step.error().map(e -> ": " + Html.escape(Html.truncateShort(e, 60))).orElse(""))
        .append("</text></g>\n");
  }

  private static void attempt(StringBuilder svg, Placed p, TimeScale scale) {
    AttemptResult a = p.attempt();
    String path = Html.escape(p.row().path());
    double y = AXIS_HEIGHT + p.rowIndex() * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    double x1 = scale.x(a.startedAt());
    if (!a.delayBefore().isZero() && !a.delayBefore().isNegative()) {
      double gx = scale.x(a.startedAt().minus(a.delayBefore()));
      double gw = Math.max(1, x1 - gx);
      String delay = TimeScale.format(a.delayBefore());
      svg.append("<g class=\"backoff\" data-step=\"")
          .append(path)
          .append("\" data-attempt=\"")
          .append(a.number())
          .append("\"><rect x=\"")
          .append(n(gx))
          .append("\" y=\"")
          .append(n(y + 2))
          .append("\" width=\"")
          .append(n(gw))
          .append("\" height=\"")
          .append(n(BAR_HEIGHT - 4))
          .append("\" fill=\"url(#backoff-hatch)\" stroke=\"#e0a800\" stroke-width=\"0.5\"/>");
      if (gw >= 8 * delay.length() + 10) {
        double labelW = 6.5 * delay.length() + 6;
        svg.append("<rect x=\"")
            .append(n(gx + (gw - labelW) / 2))
            .append("\" y=\"")
            .append(n(y + 1))
            .append("\" width=\"")
            .append(n(labelW))
            .append("\" height=\"")
            .append(n(BAR_HEIGHT - 2))
            .append("\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\"/>")
            .append("<text x=\"")
            .append(n(gx + gw / 2))
            .append("\" y=\"")
            .append(n(y + BAR_HEIGHT - 3))
            .append("\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"600\"")
            .append(" fill=\"#8a6d00\">")
            .append(Html.escape(delay))
            .append("</text>");
      }
      svg.append("<title>backoff ")
          .append(Html.escape(delay))
          .append(" before attempt ")
          .append(a.number())
          .append("</title></g>\n");
    }
    double w = Math.max(MIN_BAR, scale.x(a.finishedAt()) - x1);
    svg.append("<rect class=\"attempt\" data-step=\"")
        .append(path)
        .append("\" data-attempt=\"")
        .append(a.number())
        .append("\" data-status=\"")
        .append(a.status().jsonName())
        .append("\" data-start=\"")
        .append(a.startedAt())
        .append("\" x=\"")
        .append(n(x1))
        .append("\" y=\"")
        .append(n(y))
        .append("\" width=\"")
        .append(n(w))
        .append("\" height=\"")
        .append(n(BAR_HEIGHT))
        .append("\" rx=\"2\" fill=\"")
        .append(Status.colour(a.status()))
        .append("\"><title>")
        .append(path)
        .append(" attempt ")
        .append(a.number())
        .append(": ")
        .append(Html.escape(Status.label(a.status())))
        .append(" at +")
        .append(Html.escape(TimeScale.format(Duration.between(scale.origin(), a.startedAt()))))
        .append(" for ")
        .append(Html.escape(TimeScale.format(a.duration())));
    a.errorMessage()
        .ifPresent(e -> svg.append(" \u2014 ").append(Html.escape(Html.truncate(e, 300))));
    svg.append("</title></rect>\n");
    if (p.row().step().attempts().size() > 1 && w >= 22) {
      svg.append("<text class=\"attempt-number\" x=\"")
          .append(n(x1 + w / 2))
          .append("\" y=\"")
          .append(n(y + BAR_HEIGHT - 3))
          .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#ffffff\">#")
          .append(a.number())
          .append("</text>\n");
    }
  }

  private static String title(Row row, StepResult step) {
    return (row.depth() == 0 ? step.name() : step.path())
        + ": "
        + Status.label(step.status())
        + " in "
        + TimeScale.format(step.duration());
  }
}
