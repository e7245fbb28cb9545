package dev.ffe.core.internal;

import dev.ffe.core.ApprovalDecision;
import dev.ffe.core.FfeException;
import dev.ffe.core.StepAction;
import dev.ffe.core.StepContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Waits for a gate's decision, or applies the default when the timeout passes first. */
public final class ApprovalAction implements StepAction {
  private final Duration timeout;
  private final boolean approveOnTimeout;

  /** Creates the action. */
  public ApprovalAction(Duration timeout, boolean approveOnTimeout) {
    this.timeout = timeout;
    this.approveOnTimeout = approveOnTimeout;
  }

  @Override
  public CompletionStage<?> execute(StepContext ctx) {
    CompletableFuture<ApprovalDecision> decision =
        ctx.approval(ctx.stepPath()).toCompletableFuture();
    ctx.sleep(timeout)
        .thenRun(
            () ->
                decision.complete(
                    new ApprovalDecision(
                        approveOnTimeout,
                        "timeout",
                        "no decision within " + timeout + "; default applied",
                        ctx.now())));
    return decision.thenApply(
        d -> {
          if (!d.approved()) {
            throw new GateRejectedException(ctx.stepPath(), d);
          }
          return d;
        });
  }

  /** The failure of a rejected gate. */
  static final class GateRejectedException extends FfeException {
    private static final long serialVersionUID = 1L;

    GateRejectedException(String gate, ApprovalDecision d) {
      super(
          "gate '"
              + gate
              + "' rejected by "
              + d.by()
              + " at "
              + d.decidedAt()
              + (d.comment().isEmpty() ? "" : ": " + d.comment()));
    }
  }
}
