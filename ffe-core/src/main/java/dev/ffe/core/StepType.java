package dev.ffe.core;

/**
 * How a group step runs its children. A step with an action is a leaf and has no type of its own.
 */
public enum StepType {
  /** Children run one after another, in declaration order. */
  SEQUENTIAL,
  /** Children start together; the group ends when all of them have ended. */
  PARALLEL
}
