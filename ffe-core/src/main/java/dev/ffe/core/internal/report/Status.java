package dev.ffe.core.internal.report;

import dev.ffe.core.StepStatus;

/** The report's colours per status, shared by the timeline, the graph and the table. */
final class Status {
  private Status() {}

  /** Returns the solid colour of a status. */
  static String colour(StepStatus status) {
    switch (status) {
      case COMPLETED:
        return "#2e9e4f";
      case FAILED:
        return "#d93b3b";
      case TIMED_OUT:
        return "#f08c00";
      case CANCELLED:
        return "#868e96";
      case SKIPPED:
        return "#ced4da";
      case RUNNING:
        return "#1c7ed6";
      case PENDING:
      default:
        return "#adb5bd";
    }
  }

  /** Returns the pale tint of a status, for node fills. */
  static String tint(StepStatus status) {
    switch (status) {
      case COMPLETED:
        return "#e6f4ea";
      case FAILED:
        return "#fdecec";
      case TIMED_OUT:
        return "#fff1de";
      case CANCELLED:
        return "#f1f3f5";
      case RUNNING:
        return "#e7f1fb";
      case SKIPPED:
      case PENDING:
      default:
        return "#f8f9fa";
    }
  }

  /** Returns the label shown for a status, e.g. {@code timed out}. */
  static String label(StepStatus status) {
    return status.jsonName().replace('_', ' ');
  }
}
