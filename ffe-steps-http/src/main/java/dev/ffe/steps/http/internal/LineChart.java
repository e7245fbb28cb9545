package dev.ffe.steps.http.internal;

import static dev.ffe.steps.http.internal.HtmlText.coordinate;
import static dev.ffe.steps.http.internal.HtmlText.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * Draws a line chart as inline SVG: a grid, labelled axes (a second value axis on the right when a
 * series asks for it), and each series as a polyline with one circle per point. Circles carry the
 * caller's class and data attributes, so tests and people can find the point of a given second, and
 * a {@code <title>} that browsers show as a tooltip without script.
 *
 * <p>Thread-safe: immutable.
 */
final class LineChart {
  static final double WIDTH = 1320;
  private static final double HEIGHT = 250;
  private static final double LEFT = 72;
  private static final double RIGHT = 72;
  private static final double TOP = 14;
  private static final double BOTTOM = 42;

  /** One axis: its range starts at 0, ticks label it, {@code title} names the unit. */
  record Axis(double max, List<Double> ticks, DoubleFunction<String> label, String title) {
    /** Returns an axis from 0 to a round number at or above {@code highest}, about 5 ticks. */
    static Axis upTo(double highest, double atLeast, DoubleFunction<String> label, String title) {
      double top = Math.max(highest, atLeast);
      if (!(top > 0) || Double.isInfinite(top)) {
        top = 1;
      }
      double step = niceStep(top / 5);
      double max = Math.ceil(top / step - 1e-9) * step;
      List<Double> ticks = new ArrayList<>();
      for (int i = 0; i * step <= max + step * 1e-9; i++) {
        ticks.add(i * step);
      }
      return new Axis(max, ticks, label, title);
    }

    private static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double fraction = raw / magnitude;
      double nice =
          fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
      return nice * magnitude;
    }
  }

  /** One point; {@code attributes} go into its circle verbatim and must be escaped already. */
  record Point(double x, double y, String attributes, String title) {}

  /** A line; {@code onRightAxis} measures it against the right axis. */
  record Series(
      String name, String colour, String pointClass, boolean onRightAxis, List<Point> points) {}

  private final String cssClass;
  private final String label;
  private final Axis x;
  private final Axis left;
  private final Optional<Axis> right;
  private final List<Series> series;

  LineChart(
      String cssClass, String label, Axis x, Axis left, Optional<Axis> right, List<Series> series) {
    this.cssClass = cssClass;
    this.label = label;
    this.x = x;
    this.left = left;
    this.right = right;
    this.series = List.copyOf(series);
  }

  private double px(double value) {
    return LEFT + (WIDTH - LEFT - RIGHT) * (x.max() <= 0 ? 0 : value / x.max());
  }

  private double py(Axis axis, double value) {
    double plot = HEIGHT - TOP - BOTTOM;
    double clamped = Math.max(0, Math.min(value, axis.max()));
    return TOP + plot - plot * (axis.max() <= 0 ? 0 : clamped / axis.max());
  }

  String render() {
    int points = series.stream().mapToInt(s -> s.points().size()).sum();
    StringBuilder svg = new StringBuilder(2048 + points * 160);
    svg.append("<svg class=\"")
        .append(cssClass)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(coordinate(WIDTH))
        .append(' ')
        .append(coordinate(HEIGHT))
        .append("\" role=\"img\" aria-label=\"")
        .append(escape(label))
        .append("\">\n");
    grid(svg);
    int totalPoints = series.stream().mapToInt(s -> s.points().size()).max().orElse(0);
    // Small circles when a long test packs hundreds of seconds into the width.
    double radius = totalPoints > 240 ? 1.2 : totalPoints > 80 ? 2 : 3;
    for (Series s : series) {
      Axis axis = s.onRightAxis() ? right.orElse(left) : left;
      svg.append("<g class=\"series\" data-series=\"").append(escape(s.name())).append("\">");
      if (s.points().size() > 1) {
        svg.append("<polyline fill=\"none\" stroke=\"")
            .append(s.colour())
            .append("\" stroke-width=\"1.6\" stroke-linejoin=\"round\" points=\"");
        for (Point p : s.points()) {
          svg.append(coordinate(px(p.x())))
              .append(',')
              .append(coordinate(py(axis, p.y())))
              .append(' ');
        }
        svg.setLength(svg.length() - 1);
        svg.append("\"/>");
      }
      svg.append('\n');
      for (Point p : s.points()) {
        svg.append("<circle class=\"")
            .append(s.pointClass())
            .append('"')
            .append(p.attributes())
            .append(" cx=\"")
            .append(coordinate(px(p.x())))
            .append("\" cy=\"")
            .append(coordinate(py(axis, p.y())))
            .append("\" r=\"")
            .append(coordinate(radius))
            .append("\" fill=\"")
            .append(s.colour())
            .append("\"><title>")
            .append(escape(p.title()))
            .append("</title></circle>\n");
      }
      svg.append("</g>\n");
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private void grid(StringBuilder svg) {
    double bottom = HEIGHT - BOTTOM;
    svg.append("<g class=\"axes\" font-size=\"11\" fill=\"#495057\">\n");
    for (double t : left.ticks()) {
      double y = py(left, t);
      svg.append("<line x1=\"")
          .append(coordinate(LEFT))
          .append("\" x2=\"")
          .append(coordinate(WIDTH - RIGHT))
          .append("\" y1=\"")
          .append(coordinate(y))
          .append("\" y2=\"")
          .append(coordinate(y))
          .append("\" stroke=\"")
          .append(t == 0 ? "#adb5bd" : "#e9ecef")
          .append("\"/>")
          .append("<text x=\"")
          .append(coordinate(LEFT - 6))
          .append("\" y=\"")
          .append(coordinate(y + 4))
          .append("\" text-anchor=\"end\">")
          .append(escape(left.label().apply(t)))
          .append("</text>\n");
    }
    right.ifPresent(
        axis -> {
          for (double t : axis.ticks()) {
            svg.append("<text x=\"")
                .append(coordinate(WIDTH - RIGHT + 6))
                .append("\" y=\"")
                .append(coordinate(py(axis, t) + 4))
                .append("\" fill=\"#c92a2a\">")
                .append(escape(axis.label().apply(t)))
                .append("</text>\n");
          }
          svg.append("<text x=\"")
              .append(coordinate(WIDTH - 8))
              .append("\" y=\"")
              .append(coordinate(TOP + (bottom - TOP) / 2))
              .append("\" fill=\"#c92a2a\" text-anchor=\"middle\" transform=\"rotate(90 ")
              .append(coordinate(WIDTH - 8))
              .append(' ')
              .append(coordinate(TOP + (bottom - TOP) / 2))
              .append(")\">")
              .append(escape(axis.title()))
              .append("</text>\n");
        });
    for (double t : x.ticks()) {
      double xp = px(t);
      svg.append("<line x1=\"")
          .append(coordinate(xp))
          .append("\" x2=\"")
          .append(coordinate(xp))
          .append("\" y1=\"")
          .append(coordinate(bottom))
          .append("\" y2=\"")
          .append(coordinate(bottom + 4))
          .append("\" stroke=\"#adb5bd\"/><text x=\"")
          .append(coordinate(xp))
          .append("\" y=\"")
          .append(coordinate(bottom + 17))
          .append("\" text-anchor=\"middle\">")
          .append(escape(x.label().apply(t)))
          .append("</text>\n");
    }
    svg.append("<text x=\"")
        .append(coordinate(LEFT + (WIDTH - LEFT - RIGHT) / 2))
        .append("\" y=\"")
        .append(coordinate(HEIGHT - 6))
        .append("\" text-anchor=\"middle\">")
        .append(escape(x.title()))
        .append("</text>\n<text x=\"14\" y=\"")
        .append(coordinate(TOP + (bottom - TOP) / 2))
        .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
        .append(coordinate(TOP + (bottom - TOP) / 2))
        .append(")\">")
        .append(escape(left.title()))
        .append("</text>\n</g>\n");
  }
}
