package dev.ffe.core.internal;

import dev.ffe.core.AttemptResult;
import dev.ffe.core.ContextKey;
import dev.ffe.core.ErrorAction;
import dev.ffe.core.RunOptions;
import dev.ffe.core.Scheduler;
import dev.ffe.core.StepContext;
import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.StepType;
import dev.ffe.core.Trigger;
import dev.ffe.core.WorkflowListener;
import dev.ffe.core.WorkflowResult;
import dev.ffe.core.WorkflowRun;
import dev.ffe.core.WorkflowStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One run of a workflow. Every delay, timeout and timestamp goes through {@link #scheduler}, every
 * piece of work through {@link #executor}, and jitter through a random source seeded from the run's
 * seed and the step's path, so the same workflow and seed behave the same way every time.
 *
 * <p>Sequential groups iterate (they do not recurse) over children that complete synchronously, so
 * 100,000 siblings never overflow the stack.
 */
public final class RunEngine implements WorkflowRun {
  static final Logger LOG = LoggerFactory.getLogger("dev.ffe.core.workflow");
  static final String MDC_WORKFLOW = "ffe.workflow";
  static final String MDC_STEP = "ffe.step";
  static final String MDC_ATTEMPT = "ffe.attempt";

  private final WorkflowStep root;
  private final String workflowName;
  private final Executor executor;
  private final Scheduler scheduler;
  private final long seed;
  private final List<WorkflowListener> listeners;
  private final Map<ContextKey<?>, Object> values = new ConcurrentHashMap<>();
  private final Map<String, Object> outputs = new ConcurrentHashMap<>();
  private final AtomicLong finishSequence = new AtomicLong();
  private final Signal runSignal = Signal.root();
  private final CompletableFuture<WorkflowResult> result = new CompletableFuture<>();
  private final Duration deadline;
  private final java.nio.file.Path journal;
  private final StepResult previous;
  private final Map<String, CompletableFuture<dev.ffe.core.ApprovalDecision>> gates =
      new ConcurrentHashMap<>();
  private List<String> gatePaths;
  private volatile Node rootNode;
  private Instant deadlineAt;

  /** Prepares a run; {@link #start()} begins it. */
  public RunEngine(
      WorkflowStep root,
      RunOptions options,
      Executor executor,
      Scheduler scheduler,
      long seed,
      List<WorkflowListener> listeners,
      StepResult previous) {
    if (root.compensation().isPresent()) {
      throw new IllegalArgumentException(
          "the root step '"
              + root.name()
              + "' has a compensation, which can never run: move it to a child step");
    }
    this.root = root;
    this.workflowName = root.name();
    this.executor = executor;
    this.scheduler = scheduler;
    this.seed = seed;
    this.listeners = listeners;
    this.deadline = options.deadline().orElse(null);
    this.journal = options.journal().orElse(null);
    this.previous = previous;
    options.values().forEach(values::put);
  }

  private void findGates(WorkflowStep step, String path) {
    if (step.asyncAction().filter(a -> a instanceof ApprovalAction).isPresent()) {
      gatePaths.add(path);
    }
    for (WorkflowStep child : step.steps()) {
      findGates(child, childPath(path, child.name()));
    }
  }

  private synchronized String gatePath(String gate) {
    java.util.Objects.requireNonNull(gate, "gate == null");
    if (gatePaths == null) {
      // found on first use: most workflows have no gates, and runs should not pay for a walk
      gatePaths = new ArrayList<>();
      findGates(root, "");
    }
    if (gatePaths.contains(gate)) {
      return gate;
    }
    List<String> byName = new ArrayList<>();
    for (String p : gatePaths) {
      if (p.equals(gate) || p.endsWith("/" + gate)) {
        byName.add(p);
      }
    }
    if (byName.size() == 1) {
      return byName.get(0);
    }
    throw new IllegalArgumentException(
        byName.isEmpty()
            ? "workflow '"
                + workflowName
                + "' has no approval gate '"
                + gate
                + "'; gates: "
                + gatePaths
            : "gate name '" + gate + "' matches " + byName + ": use the full path");
  }

  @Override
  public void approve(String gate, String by, String comment) {
    decide(gate, true, by, comment);
  }

  @Override
  public void reject(String gate, String by, String comment) {
    decide(gate, false, by, comment);
  }

  private void decide(String gate, boolean approved, String by, String comment) {
    String path = gatePath(gate);
    dev.ffe.core.ApprovalDecision decision =
        new dev.ffe.core.ApprovalDecision(
            approved, by, comment == null ? "" : comment, scheduler.now());
    LOG.info("gate '{}' {} by {}", fullPath(path), approved ? "approved" : "rejected", by);
    gates.computeIfAbsent(path, p -> new CompletableFuture<>()).complete(decision);
  }

  @Override
  public WorkflowResult snapshot() {
    Node r = rootNode;
    if (r == null) {
      r = new Node(root, "", null);
      r.start(scheduler.now());
      r.finish(StepStatus.PENDING, scheduler.now(), null, null, null, 0);
    }

    return new WorkflowResult(r.snapshot());
  }

  private synchronized void writeJournal() {
    try {
      ResultJson.writeAtomically(snapshot(), journal);
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn(
          "cannot write the journal {} of workflow '{}': {}", journal, workflowName, e.toString());
    }
  }

  @Override
  public String workflowName() {
    return workflowName;
  }

  @Override
  public CompletableFuture<WorkflowResult> result() {
    return result;
  }

  @Override
  public void cancel() {
    runSignal.cancel(StepStatus.CANCELLED, "the run was cancelled");
  }

  /** Starts the run on the executor and returns this handle. */
  public RunEngine start() {
    Instant now = scheduler.now();
    if (deadline != null) {
      deadlineAt = now.plus(deadline);
      Scheduler.Cancellable timer =
          scheduler.schedule(
              deadline,
              () ->
                  runSignal.cancel(
                      StepStatus.TIMED_OUT, "the workflow deadline of " + deadline + " passed"));
      result.whenComplete((r, e) -> timer.cancel());
    }
    LOG.info("workflow '{}' started", workflowName);
    if (journal != null) {
      writeJournal();
    }
    notifyListeners(l -> l.workflowStarted(workflowName));
    hop(
        () ->
            execute(root, "", runSignal, null, null)
                .whenComplete(
                    (node, error) -> {
                      WorkflowResult r = new WorkflowResult(node.snapshot());
                      if (journal != null) {
                        writeJournal();
                      }
                      LOG.info(
                          "workflow '{}' {} in {}s",
                          workflowName,
                          r.status().jsonName(),
                          dev.ffe.core.Durations.seconds(r.duration()));
                      notifyListeners(l -> l.workflowFinished(r));
                      result.complete(r);
                    }));
    return this;
  }

  // ---------------------------------------------------------------- step execution

  /** What a group knows about its failure, for the context of the steps inside it. */
  static final class Scope {
    final Scope parent;
    volatile Node failure;

    Scope(Scope parent) {
      this.parent = parent;
    }
  }

  private String fullPath(String path) {
    return path.isEmpty() ? workflowName : workflowName + "/" + path;
  }

  private static String childPath(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  CompletableFuture<Node> execute(
      WorkflowStep step, String path, Signal parentSignal, Scope scope, String role) {
    return execute(step, path, parentSignal, scope, role, null);
  }

  /** Runs a step, recording into {@code placeholder} if given (so snapshots see it live). */
  CompletableFuture<Node> execute(
      WorkflowStep step,
      String path,
      Signal parentSignal,
      Scope scope,
      String role,
      Node placeholder) {
    StepResult before = previous == null ? null : previous.find(path).orElse(null);
    if (path.isEmpty()) {
      before = previous;
    }
    if (before != null && role == null && restorable(step, before)) {
      Node restored = Node.restored(step, before);
      collectOutputs(restored);
      if (step == root) {
        rootNode = restored;
      }
      LOG.info("step '{}' restored from the journal (completed before)", fullPath(path));
      return CompletableFuture.completedFuture(restored);
    }
    Node node = placeholder != null ? placeholder : new Node(step, path, role);
    if (step == root) {
      rootNode = node;
    }
    if (parentSignal.isCancelled()) {
      if (step == root) {
        // cancelled before it began: the workflow's status says so, not "skipped"
        node.start(scheduler.now());
        node.finish(parentSignal.status(), scheduler.now(), null, parentSignal.reason(), null, 0);
        return CompletableFuture.completedFuture(node);
      }
      return CompletableFuture.completedFuture(skip(node, "not started: " + parentSignal.reason()));
    }
    StepExecution execution = new StepExecution(step, node, parentSignal, scope);
    execution.begin();
    return execution.done;
  }

  /** A step completed before, was not undone, and has nothing inside that must run again. */
  private static boolean restorable(WorkflowStep step, StepResult before) {
    if (before.status() != StepStatus.COMPLETED
        || step.isRerunOnResume()
        || before.compensation().filter(c -> c.status() == StepStatus.COMPLETED).isPresent()) {
      return false;
    }
    for (int i = 0; i < step.steps().size(); i++) {
      if (!restorable(step.steps().get(i), before.steps().get(i))
          && before.steps().get(i).status() != StepStatus.SKIPPED) {
        return false;
      }
    }
    return true;
  }

  private void collectOutputs(Node node) {
    Object out = node.output();
    if (out != null) {
      outputs.put(node.path, out);
    }
    for (Node child : node.children()) {
      collectOutputs(child);
    }
  }

  private Node skip(Node node, String reason) {
    node.finish(
        StepStatus.SKIPPED, scheduler.now(), null, reason, null, finishSequence.incrementAndGet());
    if (LOG.isDebugEnabled()) {
      LOG.debug("step '{}' skipped: {}", fullPath(node.path), reason);
    }
    if (!listeners.isEmpty()) {
      notifyListeners(l -> l.stepSkipped(workflowName, node.path, reason));
    }
    return node;
  }

  /** Runs a task on the executor, turning a rejection into a failed future. */
  private void hop(Runnable task) {
    try {
      executor.execute(task);
    } catch (RuntimeException e) {
      LOG.error("the workflow executor rejected work for '{}': {}", workflowName, e.toString());
      throw e;
    }
  }

  /** The attempts of one step: condition, delay, attempts with timeouts, backoff between them. */
  final class StepExecution {
    final WorkflowStep step;
    final Node node;
    final Signal parentSignal;
    final Scope scope;
    final CompletableFuture<Node> done = new CompletableFuture<>();
    private SplittableRandom random;
    private String fullPath;

    /** The path with the workflow name in front, for logs and messages; computed once. */
    String fullPath() {
      if (fullPath == null) {
        fullPath = RunEngine.this.fullPath(node.path);
      }
      return fullPath;
    }

    StepExecution(WorkflowStep step, Node node, Signal parentSignal, Scope scope) {
      this.step = step;
      this.node = node;
      this.parentSignal = parentSignal;
      this.scope = scope;
    }

    void begin() {
      node.start(scheduler.now());
      if (step.condition().isPresent()) {
        boolean run;
        try {
          run = step.condition().get().test(new Context(this, 1, parentSignal));
        } catch (RuntimeException e) {
          finish(StepStatus.FAILED, null, "condition failed: " + describe(e), e);
          return;
        }
        if (!run) {
          finishSkipped("condition was false");
          return;
        }
      }
      if (step.delay().isZero()) {
        attempt(1, Duration.ZERO);
      } else {
        waitThen(step.delay(), () -> attempt(1, Duration.ZERO));
      }
    }

    /** Waits on the scheduler, unless the parent is cancelled first. */
    private void waitThen(Duration delay, Runnable then) {
      AtomicBoolean once = new AtomicBoolean();
      Scheduler.Cancellable timer =
          scheduler.schedule(
              delay,
              () -> {
                if (once.compareAndSet(false, true)) {
                  hop(then);
                }
              });
      parentSignal.onCancel(
          () -> {
            if (once.compareAndSet(false, true)) {
              timer.cancel();
              hop(() -> finishFromSignal(parentSignal));
            }
          });
    }

    private void finishFromSignal(Signal signal) {
      finish(signal.status(), null, signal.reason(), null);
    }

    private void attempt(int number, Duration delayBefore) {
      if (parentSignal.isCancelled()) {
        finishFromSignal(parentSignal);
        return;
      }
      Signal signal = parentSignal.child();
      Instant startedAt = scheduler.now();
      if (!listeners.isEmpty()) {
        notifyListeners(l -> l.stepStarted(workflowName, node.path, number));
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug("step '{}' attempt {} started", fullPath(), number);
      }
      Attempt attempt = new Attempt(this, number, delayBefore, startedAt, signal);
      step.timeout()
          .ifPresent(
              timeout -> {
                Scheduler.Cancellable timer =
                    scheduler.schedule(
                        timeout,
                        () ->
                            signal.cancel(
                                StepStatus.TIMED_OUT,
                                "timed out after " + timeout + " (attempt " + number + ")"));
                attempt.timer = timer;
              });
      if (step.isLeaf()) {
        signal.onCancel(() -> attempt.settle(null, null, true));
        invokeLeaf(attempt);
      } else {
        Context ctx = new Context(this, number, signal);
        CompletableFuture<GroupOutcome> body =
            step.type().orElseThrow() == StepType.SEQUENTIAL
                ? new SequentialGroup(this, ctx, signal).start()
                : new ParallelGroup(this, ctx, signal).start();
        body.whenComplete((outcome, error) -> attempt.settleGroup(outcome, error));
      }
    }

    private void invokeLeaf(Attempt attempt) {
      Context ctx = new Context(this, attempt.number, attempt.signal);
      node.markActionStarted();
      try {
        if (step.blockingTask().isPresent()) {
          hop(() -> runTask(attempt, ctx));
        } else {
          hop(() -> runAction(attempt, ctx));
        }
      } catch (RuntimeException rejected) {
        attempt.settle(null, rejected, false);
      }
    }

    private void runTask(Attempt attempt, Context ctx) {
      if (attempt.signal.isCancelled()) {
        return;
      }
      Interrupter interrupter = new Interrupter(Thread.currentThread());
      attempt.signal.onCancel(interrupter::interrupt);
      putMdc(attempt.number);
      Object value = null;
      Throwable failure = null;
      try {
        value = step.blockingTask().orElseThrow().run(ctx);
      } catch (Throwable e) {
        failure = e;
      } finally {
        interrupter.done();
        clearMdc();
      }
      attempt.settle(value, failure, false);
    }

    private void runAction(Attempt attempt, Context ctx) {
      if (attempt.signal.isCancelled()) {
        return;
      }
      putMdc(attempt.number);
      try {
        CompletionStage<?> stage = step.asyncAction().orElseThrow().execute(ctx);
        if (stage == null) {
          attempt.settle(
              null,
              new IllegalStateException(
                  "the action of step '"
                      + fullPath()
                      + "' returned null instead of a CompletionStage: return"
                      + " CompletableFuture.completedFuture(null) for no output"),
              false);
          return;
        }
        CompletableFuture<?> future = stage.toCompletableFuture();
        attempt.signal.onCancel(() -> future.cancel(true));
        if (future.isDone()) {
          attempt.settle(future.getNow(null), null, false);
        } else {
          future.whenComplete(
              (v, e) -> {
                if (!attempt.signal.isCancelled()) {
                  hop(() -> attempt.settle(v, e, false));
                }
              });
        }
      } catch (CompletionException e) {
        attempt.settle(null, e.getCause() == null ? e : e.getCause(), false);
      } catch (Throwable e) {
        attempt.settle(null, e, false);
      } finally {
        clearMdc();
      }
    }

    private void putMdc(int attempt) {
      MDC.put(MDC_WORKFLOW, workflowName);
      MDC.put(MDC_STEP, fullPath());
      MDC.put(MDC_ATTEMPT, Integer.toString(attempt));
    }

    private void clearMdc() {
      MDC.remove(MDC_WORKFLOW);
      MDC.remove(MDC_STEP);
      MDC.remove(MDC_ATTEMPT);
    }

    /** Decides what follows an attempt that ended: the next attempt, or the step's end. */
    void afterAttempt(
        Attempt attempt, StepStatus status, Object output, String error, Throwable failure) {
      if (status == StepStatus.COMPLETED) {
        finish(StepStatus.COMPLETED, output, null, null);
        return;
      }
      boolean parentGone = parentSignal.isCancelled();
      boolean retryable =
          !parentGone
              && status != StepStatus.CANCELLED
              && attempt.number <= step.retries()
              && (failure == null
                  || step.retryOn().isEmpty()
                  || step.retryOn().get().test(failure));
      if (!retryable) {
        if (parentGone && status == StepStatus.CANCELLED) {
          finishFromSignal(parentSignal);
        } else {
          finish(status, null, error, failure);
        }
        return;
      }
      if (random == null) {
        random = new SplittableRandom(seed ^ ((long) node.path.hashCode() * 0x9E3779B97F4A7C15L));
      }
      Duration delay = step.backoff().delayBefore(attempt.number, random);
      if (deadlineAt != null && !scheduler.now().plus(delay).isBefore(deadlineAt)) {
        finish(
            StepStatus.TIMED_OUT,
            null,
            error
                + "; retry "
                + attempt.number
                + " not started: its backoff of "
                + delay
                + " would end after the workflow deadline",
            failure);
        return;
      }
      int next = attempt.number + 1;
      LOG.warn(
          "step '{}' attempt {} {}: {}; retrying in {}",
          fullPath(),
          attempt.number,
          status.jsonName(),
          error,
          delay);
      notifyListeners(l -> l.stepRetrying(workflowName, node.path, next, delay, failure));
      if (delay.isZero()) {
        hop(() -> attempt(next, delay));
      } else {
        waitThen(delay, () -> attempt(next, delay));
      }
    }

    void finishSkipped(String reason) {
      skip(node, reason);
      done.complete(node);
    }

    void finish(StepStatus status, Object output, String error, Throwable failure) {
      node.finish(
          status,
          scheduler.now(),
          output,
          error,
          failure == null ? null : failure.getClass().getName(),
          finishSequence.incrementAndGet());
      if (status == StepStatus.COMPLETED && output != null) {
        outputs.put(node.path, output);
      }
      if (status == StepStatus.COMPLETED) {
        if (LOG.isDebugEnabled()) {
          LOG.debug("step '{}' completed", fullPath());
        }
      } else {
        LOG.warn("step '{}' {}: {}", fullPath(), status.jsonName(), error);
      }
      if (!listeners.isEmpty()) {
        StepResult snapshot = node.snapshot();
        notifyListeners(l -> l.stepFinished(workflowName, snapshot));
      }
      if (journal != null) {
        writeJournal();
      }
      done.complete(node);
    }
  }

  /** Interrupts the thread running a task, but never after the task has returned. */
  static final class Interrupter {
    private Thread thread;

    Interrupter(Thread thread) {
      this.thread = thread;
    }

    synchronized void interrupt() {
      if (thread != null) {
        thread.interrupt();
      }
    }

    synchronized void done() {
      thread = null;
      // A cancel that raced with the task's end must not leave the pool thread interrupted.
      Thread.interrupted();
    }
  }

  /** One attempt; settles exactly once, from its outcome, its timeout or a cancellation. */
  final class Attempt {
    final StepExecution execution;
    final int number;
    final Duration delayBefore;
    final Instant startedAt;
    final Signal signal;
    final AtomicBoolean settled = new AtomicBoolean();
    volatile Scheduler.Cancellable timer;

    Attempt(
        StepExecution execution,
        int number,
        Duration delayBefore,
        Instant startedAt,
        Signal signal) {
      this.execution = execution;
      this.number = number;
      this.delayBefore = delayBefore;
      this.startedAt = startedAt;
      this.signal = signal;
    }

    /** Settles a leaf attempt. {@code byCancel} marks a call from the cancellation signal. */
    void settle(Object value, Throwable failure, boolean byCancel) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      endTimer();
      StepStatus status;
      String error;
      if (byCancel || signal.isCancelled()) {
        status = signal.status();
        error = signal.reason();
        failure = null;
      } else if (failure != null) {
        failure = unwrap(failure);
        status =
            failure instanceof CancellationException ? StepStatus.CANCELLED : StepStatus.FAILED;
        error = describe(failure);
      } else {
        status = StepStatus.COMPLETED;
        error = null;
      }
      signal.detach();
      StepStatus s = status;
      String err = error;
      Throwable f = failure;
      record(s, err);
      if (byCancel) {
        hop(() -> execution.afterAttempt(this, s, null, err, f));
      } else {
        execution.afterAttempt(this, s, value, err, f);
      }
    }

    void settleGroup(GroupOutcome outcome, Throwable error) {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      endTimer();
      StepStatus status;
      String message;
      if (error != null) {
        status = StepStatus.FAILED;
        message = "internal error: " + describe(unwrap(error));
      } else if (signal.isCancelled()) {
        status = signal.status();
        message = signal.reason();
      } else {
        status = outcome.status;
        message = outcome.error;
      }
      signal.detach();
      record(status, message);
      execution.afterAttempt(this, status, null, message, null);
    }

    private void endTimer() {
      Scheduler.Cancellable t = timer;
      if (t != null) {
        t.cancel();
      }
    }

    private void record(StepStatus status, String error) {
      execution.node.addAttempt(
          new AttemptResult(number, startedAt, scheduler.now(), delayBefore, status, error));
    }
  }

  static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank()
        ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + message;
  }

  // ---------------------------------------------------------------- groups

  /** How a group attempt ended. */
  static final class GroupOutcome {
    final StepStatus status;
    final String error;

    GroupOutcome(StepStatus status, String error) {
      this.status = status;
      this.error = error;
    }
  }

  /** True unless the step at {@code path} or a group above it has error action CONTINUE. */
  private boolean failureReachesRoot(String path) {
    WorkflowStep current = root;
    if (path.isEmpty()) {
      return true;
    }
    for (String part : path.split("/")) {
      WorkflowStep next = null;
      for (WorkflowStep child : current.steps()) {
        if (child.name().equals(part)) {
          next = child;
          break;
        }
      }
      if (next == null || next.onError() == ErrorAction.CONTINUE) {
        return false;
      }
      current = next;
    }
    return true;
  }

  /** Shared state and behaviour of a group attempt. */
  abstract class Group {
    final StepExecution execution;
    final Context context;
    final Signal signal;
    final Scope scope;
    final List<WorkflowStep> children;
    final Node[] nodes;
    final CompletableFuture<GroupOutcome> outcome = new CompletableFuture<>();
    volatile Node failed;
    private final AtomicBoolean compensated = new AtomicBoolean();

    boolean compensationDone() {
      return compensated.get();
    }

    Group(StepExecution execution, Context context, Signal signal) {
      this.execution = execution;
      this.context = context;
      this.signal = signal;
      this.scope = new Scope(execution.scope);
      this.children = execution.step.steps();
      this.nodes = new Node[children.size()];
    }

    String path(WorkflowStep child) {
      return childPath(execution.node.path, child.name());
    }

    String role(WorkflowStep child) {
      return switch (child.trigger()) {
        case ALWAYS -> "always";
        case ON_FAILURE -> "on_failure";
        case ALL_SUCCESS -> null;
      };
    }

    /** Records a child's end; returns true if it failed the group. */
    boolean record(int index, Node node) {
      nodes[index] = node;
      StepStatus s = node.status();
      if (s.isFailure()
          && children.get(index).onError() != ErrorAction.CONTINUE
          && failed == null) {
        failed = node;
        scope.failure = node;
        return true;
      }
      return false;
    }

    boolean broken() {
      return failed != null || signal.isCancelled();
    }

    String brokenReason() {
      Node f = failed;
      return f != null ? "'" + f.step.name() + "' " + f.status().jsonName() : signal.reason();
    }

    /**
     * The signal a trigger-run child gets: detached from a cancelled group, bounded by its timeout.
     */
    Signal signalFor(WorkflowStep child) {
      return child.trigger() != Trigger.ALL_SUCCESS && signal.isCancelled()
          ? Signal.root()
          : signal;
    }

    /** Returns whether {@code child} runs now, or why it does not. */
    String whyNot(WorkflowStep child) {
      boolean broken = broken();
      return switch (child.trigger()) {
        case ALL_SUCCESS -> broken ? "not started: " + brokenReason() : null;
        case ON_FAILURE -> broken ? null : "no earlier step failed";
        case ALWAYS -> null;
      };
    }

    Node skipped(int index, String reason) {
      return skip(nodes[index], reason);
    }

    /**
     * Runs the compensations of the started steps below this group, newest first, once, if the
     * group's failure will fail the workflow. Calls {@code then} when they have all ended.
     */
    void compensateThen(Runnable then) {
      if (!broken()
          || !failureReachesRoot(execution.node.path)
          || !compensated.compareAndSet(false, true)) {
        then.run();
        return;
      }
      List<Node> candidates = new ArrayList<>();
      collectCompensable(Arrays.asList(nodes), candidates);
      runCompensations(candidates, 0, then);
    }

    /** Newest sibling first; within a subtree, inner steps before the group that holds them. */
    private void collectCompensable(List<Node> siblings, List<Node> into) {
      List<Node> sorted = new ArrayList<>(siblings.size());
      for (Node n : siblings) {
        if (n != null) {
          sorted.add(n);
        }
      }
      sorted.sort(Comparator.comparingLong(Node::finishSequence).reversed());
      for (Node n : sorted) {
        collectCompensable(n.children(), into);
        if (n.step.compensation().isPresent()
            && n.actionStartedInSubtree()
            && n.claimCompensation()) {
          into.add(n);
        }
      }
    }

    private void runCompensations(List<Node> todo, int index, Runnable then) {
      if (index >= todo.size()) {
        then.run();
        return;
      }
      Node target = todo.get(index);
      WorkflowStep compensation = target.step.compensation().orElseThrow();
      LOG.warn("compensating '{}' with '{}'", fullPath(target.path), compensation.name());
      execute(
              compensation,
              childPath(target.path, compensation.name()),
              Signal.root(),
              scope,
              "compensation")
          .whenComplete(
              (node, error) -> {
                target.setCompensation(node);
                runCompensations(todo, index + 1, then);
              });
    }

    GroupOutcome conclude() {
      if (signal.isCancelled()) {
        return new GroupOutcome(signal.status(), signal.reason());
      }
      Node f = failed;
      if (f != null) {
        return new GroupOutcome(
            StepStatus.FAILED,
            "step '" + f.step.name() + "' " + f.status().jsonName() + ": " + f.error());
      }
      return new GroupOutcome(StepStatus.COMPLETED, null);
    }

    /** Shows the children in the group's node; a view of the array, so later records show too. */
    void publishChildren() {
      execution.node.setChildren(Arrays.asList(nodes));
    }
  }

  /** Runs children one after another, iterating over those that end synchronously. */
  final class SequentialGroup extends Group {
    private int next;

    SequentialGroup(StepExecution execution, Context context, Signal signal) {
      super(execution, context, signal);
    }

    CompletableFuture<GroupOutcome> start() {
      // Pre-fill so a snapshot taken mid-run shows every child.
      for (int i = 0; i < nodes.length; i++) {
        nodes[i] = new Node(children.get(i), path(children.get(i)), role(children.get(i)));
      }
      publishChildren();
      advance();
      return outcome;
    }

    private void advance() {
      while (next < children.size()) {
        int index = next++;
        WorkflowStep child = children.get(index);
        String reason = whyNot(child);
        if (reason != null) {
          record(index, skipped(index, reason));
          continue;
        }
        if (child.trigger() != Trigger.ALL_SUCCESS && broken() && !compensationDone()) {
          // Undo before the finally-steps run, so they can report the rollback.
          compensateThen(
              () -> {
                if (runChild(index, child)) {
                  advance();
                }
              });
          return;
        }
        if (!runChild(index, child)) {
          return;
        }
      }
      compensateThen(() -> outcome.complete(conclude()));
    }

    /** Starts a child; returns true if it already ended (so the loop may go on). */
    private boolean runChild(int index, WorkflowStep child) {
      CompletableFuture<Node> f =
          execute(child, nodes[index].path, signalFor(child), scope, role(child), nodes[index]);
      if (f.isDone()) {
        record(index, f.join());
        return true;
      }
      f.whenComplete(
          (node, error) -> {
            record(index, node);
            advance();
          });
      return false;
    }
  }

  /** Starts the main children together, then the trigger-run ones when those have ended. */
  final class ParallelGroup extends Group {
    private final Signal childrenSignal;

    ParallelGroup(StepExecution execution, Context context, Signal signal) {
      super(execution, context, signal);
      this.childrenSignal = signal.child();
    }

    @Override
    Signal signalFor(WorkflowStep child) {
      return child.trigger() == Trigger.ALL_SUCCESS ? childrenSignal : super.signalFor(child);
    }

    CompletableFuture<GroupOutcome> start() {
      List<Integer> main = new ArrayList<>();
      List<Integer> late = new ArrayList<>();
      for (int i = 0; i < children.size(); i++) {
        nodes[i] = new Node(children.get(i), path(children.get(i)), role(children.get(i)));
        (children.get(i).trigger() == Trigger.ALL_SUCCESS ? main : late).add(i);
      }
      publishChildren();
      runAll(
          main,
          () ->
              compensateThen(
                  () ->
                      runAll(
                          late,
                          () -> {
                            childrenSignal.detach();
                            outcome.complete(conclude());
                          })));
      return outcome;
    }

    private void runAll(List<Integer> indexes, Runnable then) {
      if (indexes.isEmpty()) {
        then.run();
        return;
      }
      AtomicInteger remaining = new AtomicInteger(indexes.size());
      BiConsumer<Integer, Node> onEnd =
          (index, node) -> {
            if (record(index, node)) {
              childrenSignal.cancel(
                  StepStatus.CANCELLED,
                  "cancelled: sibling '" + node.step.name() + "' " + node.status().jsonName());
            }
            if (remaining.decrementAndGet() == 0) {
              then.run();
            }
          };
      for (int index : indexes) {
        WorkflowStep child = children.get(index);
        String reason = child.trigger() == Trigger.ALL_SUCCESS ? null : whyNot(child);
        if (reason != null) {
          onEnd.accept(index, skipped(index, reason));
          continue;
        }
        execute(child, nodes[index].path, signalFor(child), scope, role(child), nodes[index])
            .whenComplete((node, error) -> onEnd.accept(index, node));
      }
    }
  }

  // ---------------------------------------------------------------- context

  final class Context implements StepContext {
    private final StepExecution execution;
    private final int attempt;
    private final Signal signal;

    Context(StepExecution execution, int attempt, Signal signal) {
      this.execution = execution;
      this.attempt = attempt;
      this.signal = signal;
    }

    @Override
    public String workflowName() {
      return workflowName;
    }

    @Override
    public String stepName() {
      return execution.step.name();
    }

    @Override
    public String stepPath() {
      return execution.node.path;
    }

    @Override
    public int attempt() {
      return attempt;
    }

    @Override
    public <T> Optional<T> get(ContextKey<T> key) {
      Object v = values.get(key);
      return v == null ? Optional.empty() : Optional.of(key.cast(v));
    }

    @Override
    public <T> T require(ContextKey<T> key) {
      return get(key)
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "step '"
                          + fullPath(execution.node.path)
                          + "' needs context value '"
                          + key.name()
                          + "', which no earlier step stored: put it in an earlier step or in"
                          + " RunOptions.with(...)"));
    }

    @Override
    public <T> void put(ContextKey<T> key, T value) {
      java.util.Objects.requireNonNull(key, "key == null");
      java.util.Objects.requireNonNull(value, "value == null");
      values.put(key, key.cast(value));
    }

    @Override
    public Optional<Object> outputOf(String path) {
      return Optional.ofNullable(outputs.get(path));
    }

    @Override
    public List<StepResult> finishedSteps() {
      List<Node> ended = new ArrayList<>();
      Node r = rootNode;
      if (r != null) {
        r.collectEnded(ended);
      }
      ended.sort(Comparator.comparingLong(Node::finishSequence));
      List<StepResult> out = new ArrayList<>(ended.size());
      for (Node n : ended) {
        out.add(n.snapshot());
      }
      return out;
    }

    @Override
    public Optional<StepResult> failure() {
      for (Scope s = execution.scope; s != null; s = s.parent) {
        Node f = s.failure;
        if (f != null) {
          return Optional.of(f.snapshot());
        }
      }
      return Optional.empty();
    }

    @Override
    public Instant now() {
      return scheduler.now();
    }

    @Override
    public CompletionStage<Void> sleep(Duration duration) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      Scheduler.Cancellable timer = scheduler.schedule(duration, () -> f.complete(null));
      signal.onCancel(
          () -> {
            timer.cancel();
            f.cancel(false);
          });
      return f;
    }

    @Override
    public Scheduler scheduler() {
      return scheduler;
    }

    @Override
    public CompletionStage<dev.ffe.core.ApprovalDecision> approval(String gatePath) {
      return gates.computeIfAbsent(gatePath(gatePath), p -> new CompletableFuture<>());
    }

    @Override
    public boolean isCancelled() {
      return signal.isCancelled();
    }

    @Override
    public void onCancel(Runnable callback) {
      signal.onCancel(callback);
    }

    @Override
    public void throwIfCancelled() {
      if (signal.isCancelled()) {
        throw new CancellationException(
            "step '" + fullPath(execution.node.path) + "': " + signal.reason());
      }
    }
  }

  // ---------------------------------------------------------------- listeners

  private void notifyListeners(java.util.function.Consumer<WorkflowListener> call) {
    for (WorkflowListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("workflow listener {} threw; ignored: {}", listener, e.toString());
      }
    }
  }
}
