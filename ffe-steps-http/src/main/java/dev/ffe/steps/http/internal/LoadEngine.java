package dev.ffe.steps.http.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * A Netty HTTP/1.1 load generator. Work is split into one shard per event-loop thread; a shard owns
 * its connections, its users (closed model) or its share of the arrivals (open model), and one
 * {@link SingleWriterRecorder} per task, so the hot path takes no locks. A sampler thread reads the
 * recorders' interval histograms once a second and merges them.
 *
 * <p>Each connection carries one request at a time (no pipelining). Requests are pre-encoded once
 * per task and written as duplicates of one buffer. A connection the server closed cleanly (a
 * {@code Connection: close} response, or an idle close) is replaced without counting an error; a
 * request that loses a reused connection before any byte of the response arrived is retried once on
 * a new connection, as browsers do.
 *
 * <p>Thread-safe: {@link #start()} once, then {@link #stop()} from any thread.
 */
public final class LoadEngine {
  private static final int MAX_REASON_KINDS = 20;

  /**
   * Whether the native epoll transport is used: on Linux unless {@code -Dffe.load.transport=nio}.
   */
  static final boolean EPOLL =
      !"nio".equals(System.getProperty("ffe.load.transport")) && Epoll.isAvailable();

  private static final long CONNECT_FAILURE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final LoadPlan plan;
  private final EventLoopGroup group;
  private final Shard[] shards;
  private final int[] cumulativeWeights;
  private final int totalWeight;
  private final InetSocketAddress address;
  private final SslContext ssl;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final AtomicInteger openConnections = new AtomicInteger();
  private volatile long startNanos;
  private volatile long endNanos;

  /** Per-task totals shared by the shards. */
  private final LongAdder[] requests;

  private final LongAdder[] errors;
  private final List<Map<String, LongAdder>> reasons;

  /** Creates an engine for {@code plan}; nothing runs before {@link #run(Sampler)}. */
  public LoadEngine(LoadPlan plan) throws SSLException {
    this.plan = plan;
    int n = plan.tasks().size();
    cumulativeWeights = new int[n];
    int sum = 0;
    for (int i = 0; i < n; i++) {
      sum += plan.tasks().get(i).weight();
      cumulativeWeights[i] = sum;
    }
    totalWeight = sum;
    requests = new LongAdder[n];
    errors = new LongAdder[n];
    reasons = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      requests[i] = new LongAdder();
      errors[i] = new LongAdder();
      reasons.add(new ConcurrentHashMap<>());
    }
    int port = plan.target().getPort();
    boolean https = "https".equalsIgnoreCase(plan.target().getScheme());
    // resolved once here, not on every reconnect
    address = new InetSocketAddress(plan.target().getHost(), port > 0 ? port : https ? 443 : 80);
    ssl = https ? sslContext(plan) : null;
    group =
        new MultiThreadIoEventLoopGroup(
            plan.threads(),
            new DefaultThreadFactory("ffe-load", true),
            EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    shards = new Shard[plan.threads()];
    int i = 0;
    for (var executor : group) {
      shards[i] = new Shard(i, (EventLoop) executor);
      i++;
    }
  }

  private static SslContext sslContext(LoadPlan plan) throws SSLException {
    SslContextBuilder builder = SslContextBuilder.forClient();
    if (plan.trustStore().isPresent()) {
      try {
        javax.net.ssl.TrustManagerFactory tmf =
            javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(plan.trustStore().get());
        builder.trustManager(tmf);
      } catch (java.security.GeneralSecurityException e) {
        throw new SSLException("cannot use the trust store: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /** Receives the per-second samples and the final totals; called on the sampling thread. */
  public interface Sampler {
    /**
     * Receives one interval.
     *
     * @param elapsedNanos nanoseconds since the start at the end of the interval
     * @param perTask the interval's latency histogram per task (microseconds)
     * @param requestsSoFar completed requests per task so far
     * @param errorsSoFar errors per task so far
     * @param active active users (closed) or open connections (open)
     */
    void interval(
        long elapsedNanos,
        Histogram[] perTask,
        long[] requestsSoFar,
        long[] errorsSoFar,
        int active);
  }

  /** What the engine measured besides the samples. */
  public record Totals(
      long elapsedNanos, long unfinished, boolean cancelled, List<Map<String, Long>> reasons) {}

  /**
   * Runs the test on the calling thread until the duration ends or {@link #stop()} is called,
   * feeding {@code sampler} once a second and once at the end.
   *
   * @throws InterruptedException if the calling thread is interrupted; the test is stopped first
   */
  public Totals run(Sampler sampler) throws InterruptedException {
    startNanos = System.nanoTime();
    endNanos = startNanos + plan.warmup().toNanos() + plan.duration().toNanos();
    for (Shard s : shards) {
      s.loop.execute(s::begin);
    }
    boolean cancelled = false;
    boolean interrupted = false;
    // the first sample closes the warm-up (if any) so that measuring starts exactly there
    long next =
        startNanos
            + (plan.warmup().isZero() ? TimeUnit.SECONDS.toNanos(1) : plan.warmup().toNanos());
    try {
      while (true) {
        long wait = Math.min(next, endNanos) - System.nanoTime();
        if (wait > 0 && stopSignal.await(wait, TimeUnit.NANOSECONDS)) {
          cancelled = System.nanoTime() < endNanos;
          break;
        }
        long now = System.nanoTime();
        if (now >= endNanos) {
          break;
        }
        if (now >= next) {
          sample(sampler, now);
          next += TimeUnit.SECONDS.toNanos(1);
        }
      }
    } catch (InterruptedException e) {
      cancelled = true;
      interrupted = true;
    }
    long stoppedAt = System.nanoTime();
    long unfinished = stopShards();
    sample(sampler, stoppedAt);
    group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
    List<Map<String, Long>> reasonCounts = new ArrayList<>();
    for (Map<String, LongAdder> m : reasons) {
      Map<String, Long> copy = new java.util.TreeMap<>();
      m.forEach((k, v) -> copy.put(k, v.sum()));
      reasonCounts.add(copy);
    }
    if (interrupted) {
      throw new InterruptedException("load test interrupted");
    }
    return new Totals(stoppedAt - startNanos, unfinished, cancelled, reasonCounts);
  }

  /** Asks a running test to stop; {@link #run(Sampler)} then returns promptly. */
  public void stop() {
    stopSignal.countDown();
  }

  private long stopShards() {
    List<Future<Long>> futures = new ArrayList<>();
    for (Shard s : shards) {
      futures.add(s.loop.submit(s::halt));
    }
    long unfinished = 0;
    for (Future<Long> f : futures) {
      if (f.awaitUninterruptibly(500, TimeUnit.MILLISECONDS) && f.isSuccess()) {
        unfinished += f.getNow();
      }
    }
    return unfinished;
  }

  private void sample(Sampler sampler, long now) {
    int n = plan.tasks().size();
    Histogram[] perTask = new Histogram[n];
    long[] req = new long[n];
    long[] err = new long[n];
    for (int t = 0; t < n; t++) {
      perTask[t] = Latencies.newHistogram();
      for (Shard s : shards) {
        perTask[t].add(s.recorders[t].getIntervalHistogram());
      }
      req[t] = requests[t].sum();
      err[t] = errors[t].sum();
    }
    int active;
    if (plan.closed()) {
      double elapsedS = (now - startNanos) / 1e9;
      active = (int) Math.min(plan.users(), Math.floor(elapsedS * plan.spawnRate()) + 1);
    } else {
      active = openConnections.get();
    }
    sampler.interval(now - startNanos, perTask, req, err, active);
  }

  private int pickTask(SplittableRandom random) {
    if (cumulativeWeights.length == 1) {
      return 0;
    }
    int r = random.nextInt(totalWeight);
    for (int i = 0; i < cumulativeWeights.length; i++) {
      if (r < cumulativeWeights[i]) {
        return i;
      }
    }
    return cumulativeWeights.length - 1;
  }

  private void countError(int task, String reason) {
    requests[task].increment();
    errors[task].increment();
    Map<String, LongAdder> m = reasons.get(task);
    LongAdder adder = m.get(reason);
    if (adder == null) {
      adder =
          m.size() < MAX_REASON_KINDS
              ? m.computeIfAbsent(reason, k -> new LongAdder())
              : m.computeIfAbsent("other", k -> new LongAdder());
    }
    adder.increment();
  }

  private static String describe(Throwable t) {
    Throwable root = t;
    boolean tls = false;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      tls |= c instanceof SSLException || c instanceof java.security.cert.CertificateException;
      root = c;
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("connection refused")) {
      return "connection refused";
    }
    if (lower.contains("reset")) {
      return "connection reset";
    }
    if (lower.contains("timed out")) {
      return "connect timeout";
    }
    if (tls) {
      return "TLS failure: " + m;
    }
    return m.length() > 80 ? m.substring(0, 80) : m;
  }

  /** Something that owns connections and decides what they do next. */
  private interface Owner {
    void done(Conn conn, boolean connectFailed);
  }

  /** Everything one event-loop thread owns. */
  private final class Shard {
    final int index;
    final EventLoop loop;
    final SingleWriterRecorder[] recorders;
    final Bootstrap bootstrap;
    final List<Conn> conns = new ArrayList<>();
    final List<User> users = new ArrayList<>();
    boolean halted;
    // open model
    final ArrayDeque<Conn> idle = new ArrayDeque<>();
    long released; // arrivals released so far by this shard (k index)
    long sent; // arrivals sent so far
    int connectionLimit;
    long periodNanos; // between arrivals of this shard
    long offsetNanos; // this shard's first arrival
    ScheduledFuture<?> ticker;
    ScheduledFuture<?> sweeper;
    SplittableRandom random;
    final OpenOwner openOwner = new OpenOwner();

    Shard(int index, EventLoop loop) {
      this.index = index;
      this.loop = loop;
      recorders = new SingleWriterRecorder[plan.tasks().size()];
      for (int i = 0; i < recorders.length; i++) {
        recorders[i] = new SingleWriterRecorder(3);
      }
      bootstrap =
          new Bootstrap()
              .group(loop)
              .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .option(
                  ChannelOption.CONNECT_TIMEOUT_MILLIS,
                  (int) Math.max(1, plan.requestTimeout().toMillis()))
              .remoteAddress(address);
    }

    void begin() {
      random = new SplittableRandom(plan.seed() * 31 + index);
      // One periodic sweep per loop enforces request deadlines: cheaper than scheduling and
      // cancelling a timer for every request, and at most a quarter of the timeout late.
      long period =
          Math.max(
              TimeUnit.MILLISECONDS.toNanos(5),
              Math.min(TimeUnit.SECONDS.toNanos(1), plan.requestTimeout().toNanos() / 4));
      sweeper = loop.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
      if (plan.closed()) {
        for (int u = index; u < plan.users(); u += shards.length) {
          User user = new User(this, new SplittableRandom(plan.seed() * 1_000_003L + u));
          users.add(user);
          long delay = (long) (u / plan.spawnRate() * 1e9);
          loop.schedule(user::next, delay, TimeUnit.NANOSECONDS);
        }
      } else {
        int k = shards.length;
        connectionLimit =
            Math.max(1, plan.maxConnections() / k + (index < plan.maxConnections() % k ? 1 : 0));
        double globalPeriod = 1e9 / plan.rate();
        periodNanos = (long) (globalPeriod * k);
        offsetNanos = (long) (globalPeriod * index);
        tick();
      }
    }

    long intended(long arrival) {
      return startNanos + offsetNanos + arrival * periodNanos;
    }

    /** Releases the arrivals that are due and schedules itself for the next one. */
    void tick() {
      if (halted) {
        return;
      }
      long now = System.nanoTime();
      while (intended(released) <= now && intended(released) < endNanos) {
        released++;
      }
      drain();
      long next = intended(released);
      if (next < endNanos) {
        ticker =
            loop.schedule(this::tick, Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    }

    void drain() {
      while (!halted && sent < released) {
        Conn conn = idle.poll();
        if (conn == null) {
          if (conns.size() >= connectionLimit) {
            return;
          }
          conn = new Conn(this, openOwner);
          conns.add(conn);
        }
        long intended = intended(sent);
        sent++;
        conn.execute(pickTask(random), intended);
      }
    }

    /** Stops everything on this shard; returns how many requests were in flight or waiting. */
    void sweep() {
      long now = System.nanoTime();
      // index loops: a timed-out request may open a new connection and grow the list
      for (int i = 0; i < users.size(); i++) {
        users.get(i).conn.checkDeadline(now);
      }
      for (int i = 0; i < conns.size(); i++) {
        conns.get(i).checkDeadline(now);
      }
    }

    long halt() {
      halted = true;
      if (ticker != null) {
        ticker.cancel(false);
      }
      if (sweeper != null) {
        sweeper.cancel(false);
      }
      if (!plan.closed()) {
        // arrivals that fell due while this loop was busy count as unfinished, not as never due
        long dueBy = Math.min(System.nanoTime(), endNanos);
        while (intended(released) < dueBy) {
          released++;
        }
      }
      long unfinished = plan.closed() ? 0 : released - sent;
      for (User u : users) {
        u.halted = true;
        if (u.conn.abort()) {
          unfinished++;
        }
      }
      for (Conn c : conns) {
        if (c.abort()) {
          unfinished++;
        }
      }
      return unfinished;
    }

    /** Returns finished connections of the open model to the idle pool. */
    final class OpenOwner implements Owner {
      @Override
      public void done(Conn conn, boolean connectFailed) {
        if (halted) {
          return;
        }
        idle.push(conn);
        drain();
      }
    }
  }

  /** A closed-model user: request, think, repeat, on one keep-alive connection. */
  private final class User implements Owner {
    final Shard shard;
    final SplittableRandom random;
    final Conn conn;
    boolean halted;

    User(Shard shard, SplittableRandom random) {
      this.shard = shard;
      this.random = random;
      this.conn = new Conn(shard, this);
    }

    void next() {
      if (halted || System.nanoTime() >= endNanos) {
        return;
      }
      conn.execute(pickTask(random), System.nanoTime());
    }

    @Override
    public void done(Conn c, boolean connectFailed) {
      if (halted) {
        return;
      }
      long think =
          plan.thinkMaxNanos() > plan.thinkMinNanos()
              ? plan.thinkMinNanos()
                  + random.nextLong(plan.thinkMaxNanos() - plan.thinkMinNanos() + 1)
              : plan.thinkMinNanos();
      if (connectFailed) {
        // a refusing server would otherwise be hammered in a tight loop
        think = Math.max(think, CONNECT_FAILURE_PAUSE_NANOS);
      }
      if (think == 0) {
        next(); // on the loop already; the next request goes out without a task-queue hop
      } else {
        shard.loop.schedule(this::next, think, TimeUnit.NANOSECONDS);
      }
    }
  }

  /** One connection, reconnected as needed; one request at a time; confined to its loop. */
  @ChannelHandler.Sharable
  private final class Conn extends ChannelInboundHandlerAdapter {
    final Shard shard;
    final Owner owner;
    Channel channel;
    int servedOnChannel;
    // the request in flight
    boolean inFlight;
    int task;
    long intendedNanos;
    long sentNanos;
    boolean gotResponseBytes;
    boolean retried;
    int status;
    boolean keepAlive;

    /** When the request in flight times out; checked by the shard's sweeper. */
    long deadlineNanos;

    Conn(Shard shard, Owner owner) {
      this.shard = shard;
      this.owner = owner;
    }

    void execute(int task, long intendedNanos) {
      this.task = task;
      this.intendedNanos = intendedNanos;
      this.retried = false;
      this.inFlight = true;
      send();
    }

    private void send() {
      gotResponseBytes = false;
      status = 0;
      deadlineNanos = System.nanoTime() + plan.requestTimeout().toNanos();
      if (channel != null && channel.isActive()) {
        write();
        return;
      }
      channel = null;
      ChannelFuture f =
          shard
              .bootstrap
              .clone()
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      if (ssl != null) {
                        SSLEngine engine =
                            ssl.newEngine(ch.alloc(), address.getHostString(), address.getPort());
                        SSLParameters params = engine.getSSLParameters();
                        params.setEndpointIdentificationAlgorithm("HTTPS");
                        engine.setSSLParameters(params);
                        ch.pipeline().addLast(new SslHandler(engine));
                      }
                      ch.pipeline().addLast(new Decoder(Conn.this), Conn.this);
                    }
                  })
              .connect();
      f.addListener(
          (ChannelFuture done) -> {
            if (!inFlight || shard.halted) {
              done.channel().close();
              return;
            }
            if (done.isSuccess()) {
              channel = done.channel();
              servedOnChannel = 0;
              openConnections.incrementAndGet();
              channel.closeFuture().addListener(x -> openConnections.decrementAndGet());
              write();
            } else {
              fail(describe(done.cause()), true);
            }
          });
    }

    private void write() {
      sentNanos = System.nanoTime();
      Channel ch = channel;
      // a failed write reaches exceptionCaught through the void promise: no listener per request
      ch.writeAndFlush(plan.tasks().get(task).request().duplicate(), ch.voidPromise());
    }

    boolean expectsEmptyBody() {
      return plan.tasks().get(task).head();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (ctx.channel() != channel || !inFlight) {
          return;
        }
        gotResponseBytes = true;
        if (msg instanceof HttpResponse response) {
          if (response.decoderResult().isFailure()) {
            fail("invalid response: " + describe(response.decoderResult().cause()), false);
            return;
          }
          status = response.status().code();
          keepAlive = HttpUtil.isKeepAlive(response);
        }
        if (msg instanceof LastHttpContent last) {
          if (last.decoderResult().isFailure()) {
            fail("invalid response: " + describe(last.decoderResult().cause()), false);
            return;
          }
          succeed();
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ctx.channel() == channel && inFlight) {
        lost(ctx.channel(), "connection closed before the response was complete");
      } else if (ctx.channel() == channel) {
        channel = null; // closed while idle: reconnect on the next request, no error
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (ctx.channel() == channel && inFlight) {
        lost(ctx.channel(), describe(cause));
      } else {
        ctx.close();
      }
    }

    /**
     * The connection broke under a request: retry once if the server closed a reused connection.
     */
    private void lost(Channel ch, String reason) {
      boolean reused = servedOnChannel > 0;
      ch.close();
      channel = null;
      if (reused && !gotResponseBytes && !retried && !shard.halted) {
        retried = true;
        cancelTimeout();
        send();
      } else {
        fail(reason, false);
      }
    }

    /**
     * True for an open-model request that fell due during the warm-up but ends after it: it belongs
     * to the warm-up, and counting it (with its backlog) would pollute the measurement.
     */
    private boolean dueInWarmup(long now) {
      long measureStart = startNanos + plan.warmup().toNanos();
      return !plan.closed()
          && !plan.warmup().isZero()
          && intendedNanos < measureStart
          && now >= measureStart;
    }

    private void succeed() {
      cancelTimeout();
      inFlight = false;
      servedOnChannel++;
      long now = System.nanoTime();
      if (!dueInWarmup(now)) {
        long from = plan.closed() ? sentNanos : intendedNanos;
        shard.recorders[task].recordValue(Latencies.micros(now - from));
        LoadPlan.TaskPlan t = plan.tasks().get(task);
        if (t.success().test(status)) {
          requests[task].increment();
        } else {
          countError(task, "status " + status);
        }
      }
      if (!keepAlive && channel != null) {
        channel.close();
        channel = null;
      }
      owner.done(this, false);
    }

    private void fail(String reason, boolean connectFailed) {
      if (!inFlight) {
        return;
      }
      cancelTimeout();
      inFlight = false;
      if (channel != null) {
        channel.close();
        channel = null;
      }
      if (!dueInWarmup(System.nanoTime())) {
        countError(task, reason);
      }
      owner.done(this, connectFailed);
    }

    private void cancelTimeout() {
      deadlineNanos = Long.MAX_VALUE;
    }

    /** Fails the request in flight if its deadline has passed. */
    void checkDeadline(long now) {
      if (inFlight && now - deadlineNanos >= 0) {
        fail("timeout after " + plan.requestTimeout().toMillis() + " ms", false);
      }
    }

    /** Closes the connection without recording; returns true if a request was in flight. */
    boolean abort() {
      boolean was = inFlight;
      inFlight = false;
      cancelTimeout();
      if (channel != null) {
        channel.close();
        channel = null;
      }
      return was;
    }
  }

  /** A response decoder that knows when the request in flight was a HEAD. */
  private static final class Decoder extends HttpResponseDecoder {
    private final Conn conn;

    Decoder(Conn conn) {
      this.conn = conn;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
      return conn.expectsEmptyBody() || super.isContentAlwaysEmpty(msg);
    }
  }

  /**
   * Encodes one HTTP/1.1 request once, as an unreleasable direct buffer that connections write
   * duplicates of.
   */
  public static ByteBuf encode(
      String method,
      String pathAndQuery,
      String hostHeader,
      Map<String, String> headers,
      byte[] body) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(hostHeader).append("\r\n");
    boolean userAgent = false;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      userAgent |= h.getKey().equalsIgnoreCase("user-agent");
    }
    if (!userAgent) {
      sb.append("User-Agent: ffe-load\r\n");
    }
    if (body.length > 0 || !method.equals("GET") && !method.equals("HEAD")) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    }
    sb.append("\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuf buf = Unpooled.directBuffer(head.length + body.length);
    buf.writeBytes(head).writeBytes(body);
    return Unpooled.unreleasableBuffer(buf.asReadOnly());
  }
}
