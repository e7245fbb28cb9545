package dev.ffe.core.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that injects a fresh {@link TestWorkflowExecutor} into each test method or
 * constructor that declares one. Needs {@code junit-jupiter-api} on the test class path (an
 * optional dependency of ffe-core).
 *
 * <pre>{@code
 * @ExtendWith(FfeTestExtension.class)
 * class DeploymentTest {
 *   @Test void deploys(TestWorkflowExecutor executor) { ... }
 * }
 * }</pre>
 */
public final class FfeTestExtension implements ParameterResolver {

  /** Creates the extension; JUnit calls this. */
  public FfeTestExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestWorkflowExecutor.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return TestWorkflowExecutor.create();
  }
}
