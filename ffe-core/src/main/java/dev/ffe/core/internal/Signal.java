package dev.ffe.core.internal;

import dev.ffe.core.StepStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A node in the tree of cancellation signals: cancelling a node cancels its subtree, with the same
 * status (CANCELLED or TIMED_OUT) and reason. Thread-safe.
 */
public final class Signal {
  private final Signal parent;
  private volatile StepStatus status;
  private volatile String reason;
  private List<Runnable> callbacks;
  private Set<Signal> children;

  Signal(Signal parent) {
    this.parent = parent;
  }

  /** Creates a root signal, cancelled by nothing but its own {@link #cancel}. */
  public static Signal root() {
    return new Signal(null);
  }

  /** Creates a child that is cancelled when this signal is (at once, if it already is). */
  public Signal child() {
    Signal child = new Signal(this);
    synchronized (this) {
      if (status == null) {
        if (children == null) {
          children = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        children.add(child);
        return child;
      }
    }
    child.cancel(status, reason);
    return child;
  }

  /** Stops this signal from following its parent; call it when the work it guarded has ended. */
  public void detach() {
    if (parent != null) {
      synchronized (parent) {
        if (parent.children != null) {
          parent.children.remove(this);
        }
      }
    }
  }

  /** Cancels this signal and its subtree; only the first call has an effect. */
  public void cancel(StepStatus status, String reason) {
    List<Runnable> toRun;
    List<Signal> kids;
    synchronized (this) {
      if (this.status != null) {
        return;
      }
      this.reason = reason;
      this.status = status;
      toRun = callbacks == null ? List.of() : callbacks;
      kids = children == null ? List.of() : new ArrayList<>(children);
      callbacks = null;
      children = null;
    }
    for (Signal kid : kids) {
      kid.cancel(status, reason);
    }
    for (Runnable r : toRun) {
      r.run();
    }
  }

  /** Runs {@code callback} once when this signal is cancelled (now, if it already is). */
  public void onCancel(Runnable callback) {
    synchronized (this) {
      if (status == null) {
        if (callbacks == null) {
          callbacks = new ArrayList<>(2);
        }
        callbacks.add(callback);
        return;
      }
    }
    callback.run();
  }

  /** True once cancelled. */
  public boolean isCancelled() {
    return status != null;
  }

  /** Returns the status cancellation gives (CANCELLED or TIMED_OUT), or null if not cancelled. */
  public StepStatus status() {
    return status;
  }

  /** Returns why it was cancelled, or null. */
  public String reason() {
    return reason;
  }
}
