package dev.ffe.core;

import java.util.Set;

/**
 * Makes steps from a workflow file's {@code action: {type: ..., ...}} entries. Step modules
 * register implementations in {@code META-INF/services/dev.ffe.core.StepProvider}, so adding a jar
 * to the class path adds its action types.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface StepProvider {

  /** Returns the action types this provider makes, e.g. {@code http.health-check}. */
  Set<String> types();

  /**
   * Creates a leaf step named {@code stepName} for an action of {@code type}.
   *
   * @throws IllegalArgumentException naming the parameter and the accepted values when a parameter
   *     is missing, unknown or of the wrong kind
   */
  WorkflowStep create(String type, String stepName, StepParameters parameters);
}
