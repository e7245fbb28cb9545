package dev.ffe.steps.http.internal;

import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The validated, engine-ready form of a load test.
 *
 * <p>Immutable and thread-safe (request buffers are unreleasable and only duplicated).
 *
 * @param target base URL (scheme, host, port)
 * @param tasks tasks with their encoded requests
 * @param closed true for the closed model (users), false for the open model (arrival rate)
 * @param users number of users (closed model)
 * @param spawnRate users started per second (closed model)
 * @param rate requests per second (open model)
 * @param maxConnections connection limit (open model)
 * @param duration how long the test runs
 * @param warmup how long the load runs before measuring starts (zero for none)
 * @param thinkMinNanos shortest think time between a user's requests
 * @param thinkMaxNanos longest think time
 * @param requestTimeout deadline of one request, connect included
 * @param seed seed of the task and think-time choices
 * @param threads event-loop threads
 * @param trustStore trust store for HTTPS targets; empty for the JDK's default
 */
public record LoadPlan(
    URI target,
    List<TaskPlan> tasks,
    boolean closed,
    int users,
    double spawnRate,
    double rate,
    int maxConnections,
    Duration duration,
    Duration warmup,
    long thinkMinNanos,
    long thinkMaxNanos,
    Duration requestTimeout,
    long seed,
    int threads,
    java.util.Optional<java.security.KeyStore> trustStore) {

  /**
   * One task ready to send.
   *
   * @param name the task's name
   * @param weight the task's weight
   * @param head true for HEAD requests, whose responses have no body
   * @param request the encoded HTTP/1.1 request (an unreleasable buffer: write duplicates)
   * @param success which statuses count as success
   */
  public record TaskPlan(
      String name, int weight, boolean head, ByteBuf request, IntPredicate success) {}
}
