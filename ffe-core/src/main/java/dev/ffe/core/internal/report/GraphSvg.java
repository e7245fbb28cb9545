package dev.ffe.core.internal.report;

import static dev.ffe.core.internal.report.TimeScale.n;

import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the workflow graph left to right: a box per leaf, a labelled frame per group, arrows
 * between sequential children, fan-out and fan-in for parallel ones, a dashed box below a step for
 * its compensation.
 */
final class GraphSvg {
  /** Above this many steps the graph is left out: it would be unreadable and slow to draw. */
  static final int MAX_NODES = 400;

  private static final double LEAF_W = 156;
  private static final double LEAF_H = 40;
  private static final double PAD = 14;
  private static final double HEADER = 24;
  private static final double SEQ_GAP = 34;
  private static final double PAR_GAP = 12;
  private static final double FORK = 30;
  private static final double COMP_GAP = 26;
  private static final double MARGIN = 12;
  private static final int LEAF_CHARS = 20;

  private GraphSvg() {}

  /** A laid-out step: its main box or frame and, below it, its compensation. */
  private static final class Block {
    final StepResult step;
    final boolean compensation;
    final boolean group;
    final boolean parallel;
    final List<Block> children = new ArrayList<>();
    Block comp;
    double mainW;
    double mainH;
    double contentW;
    double contentH;
    double contentAnchor;
    double w;
    double h;
    double anchor;

    Block(StepResult step, boolean compensation, boolean group, boolean parallel) {
      this.step = step;
      this.compensation = compensation;
      this.group = group;
      this.parallel = parallel;
    }
  }

  static String render(StepResult root, GroupKinds kinds) {
    int count = Row.count(root);
    if (count > MAX_NODES) {
      return "<p class=\"note\">The graph is left out: the workflow has "
          + count
          + " steps, more than "
          + MAX_NODES
          + " can be drawn readably. The timeline and the step tree below cover them.</p>\n";
    }
    Block block = layout(root, false, true, kinds);
    double width = block.w + 2 * MARGIN;
    double height = block.h + 2 * MARGIN;
    StringBuilder svg = new StringBuilder(2048 + count * 700);
    svg.append("<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(n(width))
        .append(' ')
        .append(n(height))
        .append("\" width=\"")
        .append(n(width))
        .append("\" height=\"")
        .append(n(height))
        .append("\" role=\"img\" aria-label=\"workflow graph\">\n")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\"")
        .append(" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#495057\"/></marker>")
        .append("<marker id=\"arrow-comp\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\"")
        .append(" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#7048e8\"/></marker></defs>\n");
    draw(block, MARGIN, MARGIN, svg);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static Block layout(
      StepResult step, boolean compensation, boolean root, GroupKinds kinds) {
    boolean group = root || !step.steps().isEmpty();
    Block b = new Block(step, compensation, group, group && kinds.isParallel(step));
    if (!group) {
      b.mainW = LEAF_W;
      b.mainH = LEAF_H;
      b.anchor = LEAF_H / 2;
    } else {
      for (StepResult child : step.steps()) {
        b.children.add(layout(child, compensation, false, kinds));
      }
      if (b.children.isEmpty()) {
        b.contentW = 90;
        b.contentH = 24;
        b.contentAnchor = 12;
      } else if (b.parallel) {
        double maxW = 0;
        double sumH = 0;
        for (Block c : b.children) {
          maxW = Math.max(maxW, c.w);
          sumH += c.h;
        }
        b.contentW = maxW + 2 * FORK;
        b.contentH = sumH + PAR_GAP * (b.children.size() - 1);
        b.contentAnchor = b.contentH / 2;
      } else {
        double anchor = 0;
        for (Block c : b.children) {
          anchor = Math.max(anchor, c.anchor);
        }
        double sumW = 0;
        double height = 0;
        for (Block c : b.children) {
          sumW += c.w;
          height = Math.max(height, anchor - c.anchor + c.h);
        }
        b.contentW = sumW + SEQ_GAP * (b.children.size() - 1);
        b.contentH = height;
        b.contentAnchor = anchor;
      }
      double labelW = Math.min(step.name().length(), 40) * 7.2 + 110;
      b.mainW = Math.max(b.contentW + 2 * PAD, labelW);
      b.mainH = HEADER + b.contentH + PAD;
      b.anchor = HEADER + b.contentAnchor;
    }
    b.w = b.mainW;
    b.h = b.mainH;
    if (step.compensation().isPresent()) {
      b.comp = layout(step.compensation().get(), true, false, kinds);
      b.w = Math.max(b.w, b.comp.w + 16);
      b.h = b.mainH + COMP_GAP + b.comp.h;
    }
    return b;
  }

  private static void draw(Block b, double x, double y, StringBuilder svg) {
    StepResult step = b.step;
    StepStatus status = step.status();
    String kind = b.group ? (b.parallel ? "parallel" : "sequential") : "leaf";
    svg.append("<g class=\"node\" data-step=\"")
        .append(Html.escape(step.path()))
        .append("\" data-kind=\"")
        .append(kind)
        .append("\" data-status=\"")
        .append(status.jsonName())
        .append('"');
    String role = b.compensation ? "compensation" : step.role().orElse("");
    if (!role.isEmpty()) {
      svg.append(" data-role=\"").append(Html.escape(role)).append('"');
    }
    svg.append("><title>")
        .append(Html.escape(step.path().isEmpty() ? step.name() : step.path()))
        .append(": ")
        .append(Html.escape(Status.label(status)))
        .append(", ")
        .append(step.attempts().size())
        .append(step.attempts().size() == 1 ? " attempt, " : " attempts, ")
        .append(Html.escape(TimeScale.format(step.duration())))
        .append("</title>");
    String dash = b.compensation || status == StepStatus.SKIPPED ? " stroke-dasharray=\"5 3\"" : "";
    if (b.group) {
      svg.append("<rect x=\"")
          .append(n(x))
          .append("\" y=\"")
          .append(n(y))
          .append("\" width=\"")
          .append(n(b.mainW))
          .append("\" height=\"")
          .append(n(b.mainH))
          .append("\" rx=\"8\" fill=\"")
          .append(b.compensation ? "#f8f5ff" : "#fcfcfd")
          .append("\" stroke=\"")
          .append(Status.colour(status))
          .append("\" stroke-width=\"1.5\"")
          .append(dash)
          .append("/><text x=\"")
          .append(n(x + 10))
          .append("\" y=\"")
          .append(n(y + 16))
          .append("\" font-size=\"12\" font-weight=\"600\" fill=\"#212529\">");
      roleSpan(svg, role);
      svg.append(Html.escape(Html.truncateShort(step.name(), 40)))
          .append("<tspan font-weight=\"400\" fill=\"#868e96\" font-size=\"11\"> ")
          .append(b.parallel ? "\u2225 parallel" : "\u2192 sequential")
          .append("</tspan></text></g>\n");
      drawContent(b, x, y, svg);
    } else {
      svg.append("<rect x=\"")
          .append(n(x))
          .append("\" y=\"")
          .append(n(y))
          .append("\" width=\"")
          .append(n(b.mainW))
          .append("\" height=\"")
          .append(n(b.mainH))
          .append("\" rx=\"5\" fill=\"")
          .append(Status.tint(status))
          .append("\" stroke=\"")
          .append(b.compensation || !role.isEmpty() ? "#7048e8" : Status.colour(status))
          .append("\" stroke-width=\"1.5\"")
          .append(dash)
          .append("/><rect x=\"")
          .append(n(x))
          .append("\" y=\"")
          .append(n(y))
          .append("\" width=\"5\" height=\"")
          .append(n(b.mainH))
          .append("\" rx=\"2\" fill=\"")
          .append(Status.colour(status))
          .append("\"/><text x=\"")
          .append(n(x + 12))
          .append("\" y=\"")
          .append(n(y + 16))
          .append("\" font-size=\"12\" font-weight=\"600\" fill=\"#212529\">")
          .append(Html.escape(Html.truncateShort(step.name(), LEAF_CHARS)))
          .append("</text><text x=\"")
          .append(n(x + 12))
          .append("\" y=\"")
          .append(n(y + 32))
          .append("\" font-size=\"10.5\" fill=\"#495057\">");
      roleSpan(svg, role);
      svg.append(Html.escape(Status.label(status)));
      int attempts = step.attempts().size();
      if (attempts > 1) {
        svg.append(" \u00b7 ").append(attempts).append(" attempts");
      }
      svg.append("</text></g>\n");
    }
    if (b.comp != null) {
      double cx = x + 16;
      double top = y + b.mainH;
      double compY = top + COMP_GAP;
      svg.append("<path class=\"edge compensate\" d=\"M")
          .append(pt(cx + 20, top))
          .append(" L")
          .append(pt(cx + 20, compY - 1))
          .append("\" stroke=\"#7048e8\" stroke-width=\"1.3\" stroke-dasharray=\"4 3\"")
          .append(" fill=\"none\" marker-end=\"url(#arrow-comp)\"/>")
          .append("<text x=\"")
          .append(n(cx + 27))
          .append("\" y=\"")
          .append(n(top + 16))
          .append("\" font-size=\"10\" fill=\"#7048e8\">compensated by</text>\n");
      draw(b.comp, cx, compY, svg);
    }
  }

  private static void roleSpan(StringBuilder svg, String role) {
    if (!role.isEmpty()) {
      svg.append("<tspan fill=\"#7048e8\">")
          .append(Html.escape(role.replace('_', ' ')))
          .append(" \u00b7 </tspan>");
    }
  }

  private static void drawContent(Block b, double x, double y, StringBuilder svg) {
    double cx = x + (b.mainW - b.contentW) / 2;
    double cy = y + HEADER;
    double ay = cy + b.contentAnchor;
    if (b.children.isEmpty()) {
      svg.append("<text x=\"")
          .append(n(cx + b.contentW / 2))
          .append("\" y=\"")
          .append(n(ay + 4))
          .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#868e96\">(empty)</text>\n");
      return;
    }
    if (b.parallel) {
      double forkX = cx + 6;
      double joinX = cx + b.contentW - 6;
      line(svg, x, ay, forkX, ay, false);
      line(svg, joinX, ay, x + b.mainW, ay, false);
      double childY = cy;
      for (Block c : b.children) {
        double childX = cx + FORK;
        double entryY = childY + c.anchor;
        svg.append("<path class=\"edge fan-out\" d=\"M")
            .append(pt(forkX, ay))
            .append(" C")
            .append(pt(forkX + 14, ay))
            .append(' ')
            .append(pt(childX - 14, entryY))
            .append(' ')
            .append(pt(childX - 1, entryY))
            .append("\" stroke=\"#495057\" stroke-width=\"1.2\" fill=\"none\"")
            .append(" marker-end=\"url(#arrow)\"/>\n");
        double exitX = childX + c.mainW;
        svg.append("<path class=\"edge fan-in\" d=\"M")
            .append(pt(exitX, entryY))
            .append(" L")
            .append(pt(joinX - 14, entryY))
            .append(" C")
            .append(pt(joinX - 4, entryY))
            .append(' ')
            .append(pt(joinX - 4, ay))
            .append(' ')
            .append(pt(joinX, ay))
            .append("\" stroke=\"#495057\" stroke-width=\"1.2\" fill=\"none\"/>\n");
        draw(c, childX, childY, svg);
        childY += c.h + PAR_GAP;
      }
      dot(svg, forkX, ay);
      dot(svg, joinX, ay);
    } else {
      line(svg, x, ay, cx - 1, ay, true);
      double childX = cx;
      Block previous = null;
      for (Block c : b.children) {
        if (previous != null) {
          line(svg, childX - SEQ_GAP - (previous.w - previous.mainW), ay, childX - 1, ay, true);
        }
        draw(c, childX, ay - c.anchor, svg);
        childX += c.w + SEQ_GAP;
        previous = c;
      }
      line(svg, childX - SEQ_GAP - (previous.w - previous.mainW), ay, x + b.mainW, ay, false);
    }
  }

  private static void line(
      StringBuilder svg, double x1, double y1, double x2, double y2, boolean arrow) {
    if (x2 - x1 < 1) {
      return;
    }
    svg.append("<path class=\"edge\" d=\"M")
        .append(pt(x1, y1))
        .append(" L")
        .append(pt(x2, y2))
        .append("\" stroke=\"#495057\" stroke-width=\"1.2\" fill=\"none\"")
        .append(arrow ? " marker-end=\"url(#arrow)\"" : "")
        .append("/>\n");
  }

  private static void dot(StringBuilder svg, double x, double y) {
    svg.append("<circle cx=\"")
        .append(n(x))
        .append("\" cy=\"")
        .append(n(y))
        .append("\" r=\"3.5\" fill=\"#495057\"/>\n");
  }

  /** Formats an SVG point {@code x,y}. */
  private static String pt(double x, double y) {
    return n(x) + "," + n(y);
  }
}
