/**
 * JMH benchmarks of the FFE engine against a raw {@link java.util.concurrent.CompletableFuture}
 * chain, Failsafe and resilience4j, plus the runner ({@link dev.ffe.benchmarks.BenchmarkMain}) and
 * the regression guard ({@link dev.ffe.benchmarks.RegressionGuard}).
 *
 * <p>Not a library API: class and method names are benchmark ids that results and the baseline
 * refer to, so renaming one resets its history.
 */
package dev.ffe.benchmarks;
