/**
 * Unit-testing workflows in virtual time: {@link dev.ffe.core.testing.TestWorkflowExecutor},
 * scripted {@link dev.ffe.core.testing.FakeAction}s, {@link
 * dev.ffe.core.testing.WorkflowAssertions} and a JUnit 5 extension.
 */
package dev.ffe.core.testing;
