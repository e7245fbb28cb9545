/**
 * Runnable FFE examples (the seed's workflows), the workflow-file loader and the {@code ffe}
 * command-line runner. Start with {@link dev.ffe.examples.Examples} or {@link
 * dev.ffe.examples.WorkflowFiles}.
 */
package dev.ffe.examples;
