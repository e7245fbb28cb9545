package dev.ffe.steps.http;

import dev.ffe.core.Secret;
import dev.ffe.steps.http.internal.HttpCalls;
import dev.ffe.steps.http.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Posts notices as JSON to a webhook. The body is Slack-compatible ({@code text} plus a coloured
 * {@code attachments} entry listing the measured values) and carries the full alert under {@code
 * alert} for other receivers.
 *
 * <p>The URL is a {@link Secret}: Slack and similar webhooks embed their credential in it, so it
 * never appears in messages (they name only the host).
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookChannel implements AlertChannel {
  private final Secret url;
  private final URI uri;
  private final Duration timeout;
  private final HttpClient client;

  private WebhookChannel(Secret url, URI uri, Duration timeout, HttpClient client) {
    this.url = url;
    this.uri = uri;
    this.timeout = timeout;
    this.client = client;
  }

  /**
   * Creates a channel posting to {@code url}, with a 10 s deadline.
   *
   * @throws IllegalArgumentException when the URL is malformed or not http(s); the message does not
   *     repeat the URL
   */
  public static WebhookChannel to(Secret url) {
    return to(url, Duration.ofSeconds(10), HttpCalls.sharedClient());
  }

  /** Creates a channel posting to {@code url} with {@code timeout} through {@code client}. */
  public static WebhookChannel to(Secret url, Duration timeout, HttpClient client) {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(client, "client == null");
    URI uri;
    try {
      uri = HttpCalls.parseHttpUrl("webhook URL", url.reveal());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "webhook URL is not a valid http(s) URL: write it like https://hooks.example.com/...");
    }
    return new WebhookChannel(url, uri, timeout, client);
  }

  @Override
  public String name() {
    return "webhook";
  }

  /** Returns the JSON body posted for {@code alert}. */
  public static String body(Alert alert) {
    Map<String, Object> body = new LinkedHashMap<>();
    String icon =
        alert.kind() == Alert.Kind.RESOLVED
            ? ":white_check_mark:"
            : alert.level() == AlertLevel.CRITICAL ? ":red_circle:" : ":warning:";
    body.put("text", icon + " " + alert.title());
    List<Map<String, Object>> fields = new ArrayList<>();
    alert
        .values()
        .forEach(
            (k, v) -> fields.add(Map.of("title", k, "value", String.valueOf(v), "short", true)));
    String color =
        alert.kind() == Alert.Kind.RESOLVED
            ? "good"
            : alert.level() == AlertLevel.CRITICAL ? "danger" : "warning";
    body.put("attachments", List.of(Map.of("color", color, "fields", fields)));
    body.put("alert", alert);
    return Json.write(body);
  }

  @Override
  public void send(Alert alert) {
    Objects.requireNonNull(alert, "alert == null");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(alert)))
            .build();
    String where = "webhook at " + uri.getHost();
    HttpResponse<String> response;
    try {
      response = HttpCalls.send(client, request, HttpResponse.BodyHandlers.ofString(), timeout);
    } catch (TimeoutException e) {
      throw new AlertDeliveryException(
          name(), where + " did not answer within " + HttpCalls.human(timeout));
    } catch (IOException e) {
      throw new AlertDeliveryException(name(), redact(where + " failed: " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlertDeliveryException(name(), where + ": interrupted");
    }
    if (response.statusCode() / 100 != 2) {
      String text = response.body();
      throw new AlertDeliveryException(
          name(),
          redact(
              where
                  + " answered "
                  + response.statusCode()
                  + ": "
                  + (text.length() > 200 ? text.substring(0, 200) : text)));
    }
  }

  /**
   * Masks the URL and its path segments: a receiver may echo part of the URL, which carries the
   * webhook's credential.
   */
  private String redact(String text) {
    String out = url.redact(text);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    for (String segment : path.split("/")) {
      if (segment.length() >= 4) {
        out = out.replace(segment, "****");
      }
    }
    if (uri.getRawQuery() != null) {
      out = out.replace(uri.getRawQuery(), "****");
    }
    return out;
  }

  @Override
  public String toString() {
    return "WebhookChannel[" + uri.getHost() + "]";
  }
}
