package dev.ffe.core;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The asynchronous work of a leaf step: returns a stage that completes with the step's output (or
 * {@code null} for none) or exceptionally with its failure.
 *
 * <p>An action that blocks should be a {@link Task} instead: the engine runs tasks on the
 * workflow's executor and interrupts them on timeout or cancellation. An action must not return a
 * {@code null} stage; the step fails with a message saying so.
 */
@FunctionalInterface
public interface StepAction {

  /** Starts the work and returns the stage that completes with its output. */
  CompletionStage<?> execute(StepContext context) throws Exception;

  /** Adapts a {@link Runnable}: the step has no output. Runs on the calling thread. */
  static StepAction of(Runnable runnable) {
    Objects.requireNonNull(runnable, "runnable == null");
    return ctx -> {
      runnable.run();
      return CompletableFuture.completedFuture(null);
    };
  }

  /** Adapts a {@link Supplier}: its value is the step's output. Runs on the calling thread. */
  static StepAction ofSupplier(Supplier<?> supplier) {
    Objects.requireNonNull(supplier, "supplier == null");
    return ctx -> CompletableFuture.completedFuture(supplier.get());
  }

  /** Adapts a {@link Callable}: its value is the step's output. Runs on the calling thread. */
  static StepAction ofCallable(Callable<?> callable) {
    Objects.requireNonNull(callable, "callable == null");
    return ctx -> CompletableFuture.completedFuture(callable.call());
  }

  /** Adapts a {@link Function} of the context: its value is the step's output. */
  static StepAction ofFunction(Function<? super StepContext, ?> function) {
    Objects.requireNonNull(function, "function == null");
    return ctx -> CompletableFuture.completedFuture(function.apply(ctx));
  }
}
