/**
 * HTTP operations steps: health checks, TLS certificate checks, API performance probes, load tests
 * and alert channels. Each feature is a plain Java API (builder, immutable configuration, a {@code
 * run}/{@code check} method returning an immutable, Jackson-serializable result) plus a {@code
 * step(String)} method that wraps it as a {@link dev.ffe.core.WorkflowStep}.
 */
package dev.ffe.steps.http;
