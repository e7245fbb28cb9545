package dev.ffe.steps.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ffe.core.Secret;
import dev.ffe.steps.http.internal.HttpCalls;
import dev.ffe.steps.http.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Opens a GitHub issue when an alert fires and closes it with a comment when the alert resolves,
 * through the REST API (GitHub.com or GitHub Enterprise with {@link Builder#apiBaseUrl(String)}).
 *
 * <p>One issue per alert: the issue body carries a hidden marker with the alert's key, and before
 * opening an issue the channel looks for an open one with that marker (so a restarted process does
 * not open a duplicate). A reminder adds a comment to the open issue. Labels default to the seed's
 * {@code alert}, {@code production} plus the level ({@code critical} or {@code warning}).
 *
 * <p>The token is a {@link Secret}: it is sent only in the {@code Authorization} header and never
 * appears in messages, logs or results.
 *
 * <p>Thread-safe: notices for one key are serialized.
 */
public final class GitHubIssueChannel implements AlertChannel {
  private static final String MARKER_PREFIX = "<!-- ffe-alert-key: ";

  private final URI apiBase;
  private final String repository;
  private final Secret token;
  private final List<String> labels;
  private final Duration timeout;
  private final HttpClient client;
  private final Map<String, Integer> openIssues = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  private GitHubIssueChannel(Builder b) {
    this.apiBase = b.apiBase;
    this.repository = b.repository;
    this.token = b.token;
    this.labels = List.copyOf(b.labels);
    this.timeout = b.timeout;
    this.client = b.client;
  }

  /**
   * Starts a builder for issues in {@code repository} ({@code owner/name}).
   *
   * @throws IllegalArgumentException when the repository is not {@code owner/name}
   */
  public static Builder builder(String repository, Secret token) {
    Objects.requireNonNull(repository, "repository == null");
    Objects.requireNonNull(token, "token == null");
    if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "GitHub repository '" + repository + "' is not owner/name: write it like acme/payments");
    }
    if (token.reveal().isBlank()) {
      throw new IllegalArgumentException(
          "GitHub token is empty: pass a token with issues: write permission");
    }
    return new Builder(repository, token);
  }

  @Override
  public String name() {
    return "github";
  }

  @Override
  public void send(Alert alert) {
    Objects.requireNonNull(alert, "alert == null");
    synchronized (locks.computeIfAbsent(alert.key(), k -> new Object())) {
      Optional<Integer> open = findOpenIssue(alert.key());
      switch (alert.kind()) {
        case TRIGGERED:
          if (open.isEmpty()) {
            openIssues.put(alert.key(), createIssue(alert));
          }
          break;
        case REMINDER:
          if (open.isPresent()) {
            comment(open.get(), "Still failing: " + alert.title() + "\n\n" + valuesTable(alert));
          } else {
            openIssues.put(alert.key(), createIssue(alert));
          }
          break;
        default:
          if (open.isPresent()) {
            comment(
                open.get(),
                "Resolved at " + alert.at() + ": " + alert.message() + "\n\n" + valuesTable(alert));
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("state", "closed");
            patch.put("state_reason", "completed");
            call("PATCH", issuePath(open.get()), patch);
          }
          openIssues.remove(alert.key());
          break;
      }
    }
  }

  /** Returns the number of the open issue for {@code key}, looking it up on GitHub if not known. */
  private Optional<Integer> findOpenIssue(String key) {
    Integer known = openIssues.get(key);
    if (known != null) {
      JsonNode issue = call("GET", issuePath(known), null);
      if ("open".equals(issue.path("state").asText())) {
        return Optional.of(known);
      }
      openIssues.remove(key);
      return Optional.empty();
    }
    String marker = marker(key);
    String query =
        "/repos/"
            + repository
            + "/issues?state=open&per_page=100&labels="
            + URLEncoder.encode(labels.isEmpty() ? "" : labels.get(0), StandardCharsets.UTF_8);
    JsonNode list =
        call(
            "GET",
            labels.isEmpty() ? "/repos/" + repository + "/issues?state=open&per_page=100" : query,
            null);
    for (JsonNode issue : list) {
      if (!issue.has("pull_request") && issue.path("body").asText("").contains(marker)) {
        int number = issue.path("number").asInt();
        openIssues.put(key, number);
        return Optional.of(number);
      }
    }
    return Optional.empty();
  }

  private int createIssue(Alert alert) {
    Map<String, Object> issue = new LinkedHashMap<>();
    issue.put("title", alert.title());
    issue.put(
        "body",
        "**"
            + alert.level()
            + "** alert from `"
            + alert.source()
            + "` at "
            + alert.at()
            + "\n\n"
            + alert.message()
            + "\n\n"
            + valuesTable(alert)
            + "\n\n"
            + marker(alert.key()));
    List<String> all = new ArrayList<>(labels);
    all.add(alert.level().name().toLowerCase(Locale.ROOT));
    issue.put("labels", all);
    JsonNode created = call("POST", "/repos/" + repository + "/issues", issue);
    return created.path("number").asInt();
  }

  private void comment(int number, String body) {
    call("POST", issuePath(number) + "/comments", Map.of("body", body));
  }

  private String issuePath(int number) {
    return "/repos/" + repository + "/issues/" + number;
  }

  private static String marker(String key) {
    return MARKER_PREFIX + URLEncoder.encode(key, StandardCharsets.UTF_8) + " -->";
  }

  private static String valuesTable(Alert alert) {
    if (alert.values().isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("| measurement | value |\n| --- | --- |\n");
    alert
        .values()
        .forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    return sb.toString();
  }

  private JsonNode call(String method, String path, Object body) {
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(URI.create(apiBase.toString() + path))
            .timeout(timeout)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", "ffe-steps-http")
            .header("Authorization", "Bearer " + token.reveal());
    if (body == null) {
      rb.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      rb.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
    }
    String where = "GitHub API " + method + " " + path.replaceFirst("\\?.*", "");
    HttpResponse<String> response;
    try {
      response = HttpCalls.send(client, rb.build(), HttpResponse.BodyHandlers.ofString(), timeout);
    } catch (TimeoutException e) {
      throw new AlertDeliveryException(
          name(), where + " did not answer within " + HttpCalls.human(timeout));
    } catch (IOException e) {
      throw new AlertDeliveryException(name(), token.redact(where + " failed: " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlertDeliveryException(name(), where + ": interrupted");
    }
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.body();
    if (status / 100 != 2) {
      String message = text;
      try {
        message = Json.MAPPER.readTree(text).path("message").asText(text);
      } catch (IOException e) {
        // not JSON: keep the raw text
      }
      String hint =
          status == 401
              ? " (check the token)"
              : status == 403 || status == 404
                  ? " (check the repository name and that the token may write issues)"
                  : "";
      throw new AlertDeliveryException(
          name(), token.redact(where + " answered " + status + ": " + abbreviate(message) + hint));
    }
    try {
      return text.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AlertDeliveryException(
          name(), where + " answered with invalid JSON: " + abbreviate(token.redact(text)));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  @Override
  public String toString() {
    return "GitHubIssueChannel[" + apiBase + " " + repository + "]";
  }

  /**
   * Configures a {@link GitHubIssueChannel}.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    private final String repository;
    private final Secret token;
    private URI apiBase = URI.create("https://api.github.com");
    private List<String> labels = List.of("alert", "production");
    private Duration timeout = Duration.ofSeconds(10);
    private HttpClient client = HttpCalls.sharedClient();

    private Builder(String repository, Secret token) {
      this.repository = repository;
      this.token = token;
    }

    /**
     * Sets the API base URL, e.g. {@code https://github.example.com/api/v3} for GitHub Enterprise;
     * default {@code https://api.github.com}.
     */
    public Builder apiBaseUrl(String url) {
      URI uri = HttpCalls.parseHttpUrl("GitHub API base URL", url);
      String text = uri.toString();
      this.apiBase = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      return this;
    }

    /**
     * Sets the labels of new issues; the level ({@code critical}/{@code warning}) is added to them.
     * The first label is used to find open issues. Default {@code alert}, {@code production}.
     */
    public Builder labels(List<String> labels) {
      Objects.requireNonNull(labels, "labels == null");
      for (String l : labels) {
        if (l == null || l.isBlank()) {
          throw new IllegalArgumentException("GitHub labels contain a blank label: remove it");
        }
      }
      this.labels = List.copyOf(labels);
      return this;
    }

    /** Sets the deadline of each API call; default 10 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout == null");
      return this;
    }

    /** Uses {@code client} instead of the shared JDK client. */
    public Builder httpClient(HttpClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /** Builds the channel. */
    public GitHubIssueChannel build() {
      return new GitHubIssueChannel(this);
    }
  }
}
