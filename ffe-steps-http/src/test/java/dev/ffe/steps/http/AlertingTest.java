package dev.ffe.steps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ffe.core.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AlertingTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A channel that remembers what it was sent; our own collaborator, not a protocol. */
  static final class Recording implements AlertChannel {
    final List<Alert> sent = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public void send(Alert alert) {
      if (failing) {
        throw new AlertDeliveryException(name(), "down");
      }
      sent.add(alert);
    }

    List<Alert.Kind> kinds() {
      List<Alert.Kind> out = new ArrayList<>();
      sent.forEach(a -> out.add(a.kind()));
      return out;
    }
  }

  private static AlertOutcome observe(Alerting a, AlertLevel level, int minute) {
    return a.observe(
        "wf/api",
        "api",
        level,
        "status " + level,
        Map.of("latency_ms", 12.5),
        T0.plusSeconds(60L * minute));
  }

  @Test
  void firesOnceAndResolvesOnceWithDefaults() {
    Recording ch = new Recording();
    Alerting a = Alerting.builder().channel(ch).build();
    observe(a, AlertLevel.INFO, 0);
    AlertOutcome fired = observe(a, AlertLevel.CRITICAL, 15);
    assertThat(fired.notice()).contains(Alert.Kind.TRIGGERED);
    assertThat(fired.open()).isTrue();
    observe(a, AlertLevel.CRITICAL, 30);
    observe(a, AlertLevel.CRITICAL, 45);
    AlertOutcome resolved = observe(a, AlertLevel.INFO, 60);
    assertThat(resolved.notice()).contains(Alert.Kind.RESOLVED);
    assertThat(ch.kinds()).containsExactly(Alert.Kind.TRIGGERED, Alert.Kind.RESOLVED);
    assertThat(a.store().isOpen("wf/api")).isFalse();
  }

  @Test
  void firesAfterNFailuresAndResolvesAfterMSuccesses() {
    Recording ch = new Recording();
    Alerting a = Alerting.builder().channel(ch).failureThreshold(3).successThreshold(2).build();
    observe(a, AlertLevel.CRITICAL, 0);
    observe(a, AlertLevel.CRITICAL, 1);
    observe(a, AlertLevel.INFO, 2); // breaks the run of failures
    observe(a, AlertLevel.CRITICAL, 3);
    observe(a, AlertLevel.CRITICAL, 4);
    assertThat(ch.sent).isEmpty();
    observe(a, AlertLevel.CRITICAL, 5);
    assertThat(ch.kinds()).containsExactly(Alert.Kind.TRIGGERED);
    observe(a, AlertLevel.INFO, 6);
    observe(a, AlertLevel.CRITICAL, 7); // breaks the run of successes
    observe(a, AlertLevel.INFO, 8);
    assertThat(ch.kinds()).containsExactly(Alert.Kind.TRIGGERED);
    observe(a, AlertLevel.INFO, 9);
    assertThat(ch.kinds()).containsExactly(Alert.Kind.TRIGGERED, Alert.Kind.RESOLVED);
  }

  @Test
  void remindsAtTheIntervalWhileOpen() {
    Recording ch = new Recording();
    Alerting a = Alerting.builder().channel(ch).reminderInterval(Duration.ofMinutes(30)).build();
    observe(a, AlertLevel.WARNING, 0);
    observe(a, AlertLevel.WARNING, 15);
    observe(a, AlertLevel.WARNING, 30);
    observe(a, AlertLevel.WARNING, 45);
    observe(a, AlertLevel.WARNING, 60);
    assertThat(ch.kinds())
        .containsExactly(Alert.Kind.TRIGGERED, Alert.Kind.REMINDER, Alert.Kind.REMINDER);
  }

  @Test
  void warningDoesNotCountWhenFailingOnlyAtCritical() {
    Recording ch = new Recording();
    Alerting a = Alerting.builder().channel(ch).failAt(AlertLevel.CRITICAL).build();
    observe(a, AlertLevel.WARNING, 0);
    assertThat(ch.sent).isEmpty();
  }

  @Test
  void undeliveredTriggerIsRetriedOnTheNextFailure() {
    Recording ch = new Recording();
    ch.failing = true;
    Alerting a = Alerting.builder().channel(ch).build();
    AlertOutcome first = observe(a, AlertLevel.CRITICAL, 0);
    assertThat(first.failedChannels()).singleElement().asString().contains("recording");
    ch.failing = false;
    observe(a, AlertLevel.CRITICAL, 1);
    observe(a, AlertLevel.CRITICAL, 2);
    assertThat(ch.kinds()).containsExactly(Alert.Kind.TRIGGERED);
  }

  @Test
  void stateSurvivesBetweenAlertingsSharingAStore() {
    AlertStore store = AlertStore.create();
    Recording ch = new Recording();
    observe(Alerting.builder().channel(ch).store(store).build(), AlertLevel.CRITICAL, 0);
    observe(Alerting.builder().channel(ch).store(store).build(), AlertLevel.CRITICAL, 15);
    assertThat(ch.kinds()).containsExactly(Alert.Kind.TRIGGERED);
    assertThat(store.isOpen("wf/api")).isTrue();
    store.clear();
    assertThat(store.isOpen("wf/api")).isFalse();
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> Alerting.builder().failureThreshold(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Alerting.builder().successThreshold(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Alerting.builder().reminderInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Alerting.builder().build().step("alert", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void githubChannelOpensOneIssueAndClosesItWithACommentOnResolve() throws Exception {
    try (FakeGitHub gh = new FakeGitHub()) {
      GitHubIssueChannel channel =
          GitHubIssueChannel.builder("acme/shop", Secret.of(FakeGitHub.TOKEN))
              .apiBaseUrl(gh.apiBase() + "/")
              .build();
      Alerting a =
          Alerting.builder().channel(channel).reminderInterval(Duration.ofMinutes(30)).build();
      observe(a, AlertLevel.CRITICAL, 0);
      observe(a, AlertLevel.CRITICAL, 15);
      assertThat(gh.issues).hasSize(1);
      JsonNode issue = gh.issues.get(1);
      assertThat(issue.path("title").asText()).isEqualTo("[CRITICAL] api: status CRITICAL");
      assertThat(issue.path("labels").toString())
          .isEqualTo("[\"alert\",\"production\",\"critical\"]");
      assertThat(issue.path("body").asText()).contains("latency_ms", "ffe-alert-key: wf%2Fapi");
      observe(a, AlertLevel.CRITICAL, 30); // reminder: a comment, not a second issue
      assertThat(gh.issues).hasSize(1);
      assertThat(gh.comments.get(1)).singleElement().asString().startsWith("Still failing");
      observe(a, AlertLevel.INFO, 45);
      assertThat(gh.openIssueCount()).isZero();
      assertThat(gh.comments.get(1)).hasSize(2).last().asString().startsWith("Resolved at");
      assertThat(gh.requests)
          .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + FakeGitHub.TOKEN));
    }
  }

  @Test
  void githubChannelFindsAnIssueOpenedByAnEarlierProcess() throws Exception {
    try (FakeGitHub gh = new FakeGitHub()) {
      Secret token = Secret.of(FakeGitHub.TOKEN);
      Alert fired =
          new Alert(
              "wf/api", Alert.Kind.TRIGGERED, AlertLevel.CRITICAL, "api", "down", Map.of(), T0);
      GitHubIssueChannel.builder("acme/shop", token).apiBaseUrl(gh.apiBase()).build().send(fired);
      // a new channel (a restarted process) must not open a second issue for the same alert
      GitHubIssueChannel fresh =
          GitHubIssueChannel.builder("acme/shop", token).apiBaseUrl(gh.apiBase()).build();
      fresh.send(fired);
      assertThat(gh.issues).hasSize(1);
      fresh.send(
          new Alert("wf/api", Alert.Kind.RESOLVED, AlertLevel.INFO, "api", "up", Map.of(), T0));
      assertThat(gh.openIssueCount()).isZero();
      // a new alert after the issue was closed opens a new issue
      fresh.send(fired);
      assertThat(gh.issues).hasSize(2);
    }
  }

  @Test
  void githubErrorsNameTheCallButNeverTheToken() throws Exception {
    try (FakeGitHub gh = new FakeGitHub()) {
      String wrong = "ghp_wrongtoken999";
      GitHubIssueChannel channel =
          GitHubIssueChannel.builder("acme/shop", Secret.of(wrong))
              .apiBaseUrl(gh.apiBase())
              .build();
      Alert fired =
          new Alert(
              "k", Alert.Kind.TRIGGERED, AlertLevel.CRITICAL, "api", "down " + wrong, Map.of(), T0);
      assertThatThrownBy(() -> channel.send(fired))
          .isInstanceOf(AlertDeliveryException.class)
          .hasMessageContaining("answered 401: Bad credentials (check the token)")
          .hasMessageNotContaining(wrong);
      assertThat(channel.toString()).doesNotContain(wrong);
    }
  }

  @Test
  void githubChannelRejectsBadConfiguration() {
    assertThatThrownBy(() -> GitHubIssueChannel.builder("not a repo", Secret.of("t")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GitHubIssueChannel.builder("a/b", Secret.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> GitHubIssueChannel.builder("a/b", Secret.of("t")).apiBaseUrl("ftp://x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GitHubIssueChannel.builder("a/b", Secret.of("t")).labels(List.of("")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void webhookPostsSlackCompatibleJson() throws Exception {
    try (TestHttpServer hook = TestHttpServer.start()) {
      Recording never = new Recording();
      Alerting a =
          Alerting.builder()
              .channel(WebhookChannel.to(Secret.of(hook.url("/services/T000/B000/XXXX"))))
              .channel(LogChannel.create())
              .channel(never)
              .build();
      observe(a, AlertLevel.CRITICAL, 0);
      observe(a, AlertLevel.INFO, 1);
      assertThat(hook.requests).hasSize(2);
      JsonNode body = new ObjectMapper().readTree(hook.requests.get(0).body());
      assertThat(body.path("text").asText())
          .isEqualTo(":red_circle: [CRITICAL] api: status CRITICAL");
      assertThat(body.path("attachments").get(0).path("color").asText()).isEqualTo("danger");
      assertThat(body.path("alert").path("values").path("latency_ms").asDouble()).isEqualTo(12.5);
      assertThat(body.path("alert").path("kind").asText()).isEqualTo("TRIGGERED");
      JsonNode resolved = new ObjectMapper().readTree(hook.requests.get(1).body());
      assertThat(resolved.path("text").asText()).startsWith(":white_check_mark: [RESOLVED]");
      assertThat(hook.requests.get(0).headers().get("Content-type"))
          .containsExactly("application/json");
    }
  }

  @Test
  void webhookFailuresDoNotRevealTheUrlSecret() throws Exception {
    try (TestHttpServer hook = TestHttpServer.start()) {
      String url = hook.url("/secret-path-abc?status=500&body=secret-path-abc%20rejected");
      WebhookChannel channel = WebhookChannel.to(Secret.of(url));
      Alert alert =
          new Alert("k", Alert.Kind.TRIGGERED, AlertLevel.WARNING, "s", "m", Map.of(), T0);
      assertThatThrownBy(() -> channel.send(alert))
          .isInstanceOf(AlertDeliveryException.class)
          .hasMessageContaining("answered 500")
          .hasMessageNotContaining("secret-path-abc");
      assertThatThrownBy(() -> WebhookChannel.to(Secret.of("gopher://secret-host/x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("secret-host");
      assertThat(channel.toString()).doesNotContain("secret-path-abc");
    }
  }
}
