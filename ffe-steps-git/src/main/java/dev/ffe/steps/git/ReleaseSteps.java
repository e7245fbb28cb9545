package dev.ffe.steps.git;

import dev.ffe.core.ContextKey;

/**
 * The context keys the release steps publish their results under, so later steps (build, notify)
 * can read the computed version.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReleaseSteps {
  /** The analysis published by the analyze step. */
  public static final ContextKey<ReleaseAnalysis> ANALYSIS =
      ContextKey.of("git.release-analysis", ReleaseAnalysis.class);

  private ReleaseSteps() {}
}
