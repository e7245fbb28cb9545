/**
 * FFE's public API: the workflow model ({@link dev.ffe.core.WorkflowStep}), the executor ({@link
 * dev.ffe.core.WorkflowExecutor}), results ({@link dev.ffe.core.WorkflowResult}) and the extension
 * points (actions, listeners, schedulers, step providers).
 */
package dev.ffe.core;
