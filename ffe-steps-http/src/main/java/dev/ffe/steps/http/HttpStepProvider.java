package dev.ffe.steps.http;

import dev.ffe.core.Secret;
import dev.ffe.core.StepParameters;
import dev.ffe.core.StepProvider;
import dev.ffe.core.WorkflowStep;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Makes this module's steps from workflow files: {@code http.health-check}, {@code http.tls-check},
 * {@code http.api-probe}, {@code http.load-test} and {@code http.alert}. The parameters are listed
 * in {@code docs/ffe-steps-http.md}; unknown ones are rejected.
 *
 * <p>Thread-safe: stateless (alert state lives in {@link AlertStore#shared()}).
 */
public final class HttpStepProvider implements StepProvider {
  /** The action types this provider makes. */
  public static final Set<String> TYPES =
      Set.of(
          "http.health-check", "http.tls-check", "http.api-probe", "http.load-test", "http.alert");

  /** Creates the provider; ServiceLoader calls this. */
  public HttpStepProvider() {}

  @Override
  public Set<String> types() {
    return TYPES;
  }

  @Override
  public WorkflowStep create(String type, String stepName, StepParameters p) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(stepName, "stepName == null");
    Objects.requireNonNull(p, "parameters == null");
    WorkflowStep step;
    switch (type) {
      case "http.health-check":
        step = healthCheck(stepName, p);
        break;
      case "http.tls-check":
        step = tlsCheck(stepName, p);
        break;
      case "http.api-probe":
        step = apiProbe(stepName, p);
        break;
      case "http.load-test":
        step = loadTest(stepName, p);
        break;
      case "http.alert":
        step = alert(stepName, p);
        break;
      default:
        throw new IllegalArgumentException(
            "unknown action type '" + type + "': this provider makes " + TYPES);
    }
    p.requireAllUsed();
    return step;
  }

  private static WorkflowStep healthCheck(String name, StepParameters p) {
    HealthCheck.Builder b = HealthCheck.builder(p.requireString("url"));
    p.string("method").ifPresent(b::method);
    List<String> statuses = p.strings("expect_status");
    if (!statuses.isEmpty()) {
      b.expectStatus(statuses.stream().mapToInt(s -> parseInt("expect_status", s)).toArray());
    }
    p.string("body_contains").ifPresent(b::expectBodyContains);
    p.string("body_matches").ifPresent(b::expectBodyMatches);
    b.timeout(p.duration("timeout", Duration.ofSeconds(10)));
    ResponseTimeGrading d = ResponseTimeGrading.defaults();
    b.grading(
        new ResponseTimeGrading(
            p.duration("warning_above", d.warningAbove()),
            p.duration("critical_above", d.criticalAbove())));
    p.stringMap("headers").forEach(b::header);
    p.string("fail_at").ifPresent(l -> b.failAt(level(l)));
    return b.build().step(name).delay(p.duration("initial_wait", Duration.ZERO));
  }

  private static WorkflowStep tlsCheck(String name, StepParameters p) {
    TlsCertificateCheck.Builder b =
        p.string("url").isPresent()
            ? TlsCertificateCheck.forUrl(p.requireString("url"))
            : TlsCertificateCheck.builder(p.requireString("host"), (int) p.integer("port", 443));
    b.warnWithin(p.duration("warn_within", Duration.ofDays(30)));
    b.timeout(p.duration("timeout", Duration.ofSeconds(10)));
    p.string("fail_at").ifPresent(l -> b.failAt(level(l)));
    return b.build().step(name);
  }

  private static WorkflowStep apiProbe(String name, StepParameters p) {
    ApiProbe.Builder b = ApiProbe.builder();
    Map<String, String> endpoints = p.stringMap("endpoints");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException(
          "step '"
              + name
              + "' (http.api-probe): parameter 'endpoints' is missing: add a map of names to URLs");
    }
    endpoints.forEach(b::endpoint);
    b.requestsPerEndpoint((int) p.integer("requests", 100));
    b.concurrency((int) p.integer("concurrency", 1));
    b.timeout(p.duration("timeout", Duration.ofSeconds(10)));
    p.strings("thresholds").forEach(b::threshold);
    return b.build().step(name);
  }

  private static WorkflowStep loadTest(String name, StepParameters p) {
    LoadTest.Builder b = LoadTest.builder(p.requireString("url"));
    Map<String, String> tasks = p.stringMap("tasks");
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException(
          "step '"
              + name
              + "' (http.load-test): parameter 'tasks' is missing: add a map like {browse: \"3 GET /products\"}");
    }
    tasks.forEach((taskName, spec) -> b.task(parseTask(taskName, spec)));
    boolean hasRate = p.string("rate").isPresent();
    boolean hasUsers = p.string("users").isPresent();
    if (hasRate == hasUsers) {
      throw new IllegalArgumentException(
          "step '"
              + name
              + "' (http.load-test): give either 'users' (closed model) or 'rate' (open model), not "
              + (hasRate ? "both" : "neither"));
    }
    if (hasUsers) {
      b.closedModel((int) p.integer("users", 0), p.number("spawn_rate", 1));
    } else {
      b.openModel(p.number("rate", 0));
      b.connections((int) p.integer("connections", 100));
    }
    b.duration(p.duration("duration", Duration.ofMinutes(1)));
    b.warmup(p.duration("warmup", Duration.ZERO));
    b.thinkTime(
        p.duration("think_min", Duration.ZERO),
        p.duration("think_max", p.duration("think_min", Duration.ZERO)));
    b.requestTimeout(p.duration("request_timeout", Duration.ofSeconds(10)));
    b.seed(p.integer("seed", 42));
    p.string("report_directory").ifPresent(d -> b.reportDirectory(java.nio.file.Path.of(d)));
    p.strings("thresholds").forEach(b::threshold);
    return b.build().step(name);
  }

  /** Parses {@code [weight] [METHOD] path}, e.g. {@code 3 GET /products} or {@code /health}. */
  static LoadTask parseTask(String name, String spec) {
    String[] parts = spec.trim().split("\\s+");
    int i = 0;
    int weight = 1;
    String method = "GET";
    if (parts.length > i + 1 && parts[i].matches("\\d+")) {
      weight = parseInt("task '" + name + "' weight", parts[i++]);
    }
    if (parts.length > i + 1) {
      method = parts[i++];
    }
    if (parts.length != i + 1) {
      throw new IllegalArgumentException(
          "task '"
              + name
              + "' is '"
              + spec
              + "': write it as [weight] [METHOD] /path, e.g. 3 GET /products");
    }
    return LoadTask.builder(name, parts[i]).weight(weight).method(method).build();
  }

  private static WorkflowStep alert(String name, StepParameters p) {
    Alerting.Builder b = Alerting.builder().store(AlertStore.shared());
    if (p.bool("log", true)) {
      b.channel(LogChannel.create());
    }
    p.string("webhook_url").ifPresent(u -> b.channel(WebhookChannel.to(Secret.of(u))));
    p.string("webhook_url_env").ifPresent(env -> b.channel(WebhookChannel.to(fromEnv(name, env))));
    p.string("github_repo")
        .ifPresent(
            repo -> {
              Secret token =
                  p.string("github_token")
                      .map(Secret::of)
                      .orElseGet(
                          () -> fromEnv(name, p.string("github_token_env").orElse("GITHUB_TOKEN")));
              GitHubIssueChannel.Builder gh = GitHubIssueChannel.builder(repo, token);
              p.string("github_api_url").ifPresent(gh::apiBaseUrl);
              List<String> labels = p.strings("github_labels");
              if (!labels.isEmpty()) {
                gh.labels(labels);
              }
              b.channel(gh.build());
            });
    b.failureThreshold((int) p.integer("failure_threshold", 1));
    b.successThreshold((int) p.integer("success_threshold", 1));
    p.string("reminder").ifPresent(r -> b.reminderInterval(p.duration("reminder", Duration.ZERO)));
    p.string("fail_at").ifPresent(l -> b.failAt(level(l)));
    List<String> watch = p.strings("watch");
    if (watch.isEmpty()) {
      throw new IllegalArgumentException(
          "step '"
              + name
              + "' (http.alert): parameter 'watch' is missing: list the step paths to alert on");
    }
    return b.build().step(name, watch);
  }

  private static Secret fromEnv(String step, String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "step '"
              + step
              + "' (http.alert): environment variable "
              + variable
              + " is not set: export it or name another");
    }
    return Secret.of(value);
  }

  private static AlertLevel level(String text) {
    try {
      return AlertLevel.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("level '" + text + "' is not INFO, WARNING or CRITICAL");
    }
  }

  private static int parseInt(String what, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + text + "' is not a whole number");
    }
  }
}
