package dev.ffe.steps.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A loopback stand-in for the GitHub issues REST API that records requests. */
final class FakeGitHub implements AutoCloseable {
  record Request(String method, String path, String authorization, String body) {}

  static final String TOKEN = "ghp_testtoken123456";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ISSUE =
      Pattern.compile("/api/v3/repos/acme/shop/issues/(\\d+)(/comments)?");

  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final Map<Integer, ObjectNode> issues = new ConcurrentHashMap<>();
  final Map<Integer, List<String>> comments = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger(1);

  FakeGitHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String apiBase() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = ex.getRequestURI().getPath();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    requests.add(new Request(ex.getRequestMethod(), path, auth, body));
    if (!("Bearer " + TOKEN).equals(auth)) {
      reply(
          ex,
          401,
          "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}");
      return;
    }
    String method = ex.getRequestMethod();
    if (path.equals("/api/v3/repos/acme/shop/issues")) {
      if (method.equals("POST")) {
        JsonNode in = JSON.readTree(body);
        int number = next.getAndIncrement();
        ObjectNode issue = JSON.createObjectNode();
        issue.put("number", number);
        issue.put("state", "open");
        issue.put("title", in.path("title").asText());
        issue.put("body", in.path("body").asText());
        issue.set("labels", in.path("labels"));
        issues.put(number, issue);
        reply(ex, 201, issue.toString());
      } else {
        ArrayNode list = JSON.createArrayNode();
        issues.values().stream()
            .filter(i -> i.path("state").asText().equals("open"))
            .forEach(list::add);
        reply(ex, 200, list.toString());
      }
      return;
    }
    Matcher m = ISSUE.matcher(path);
    if (m.matches()) {
      int number = Integer.parseInt(m.group(1));
      ObjectNode issue = issues.get(number);
      if (issue == null) {
        reply(ex, 404, "{\"message\":\"Not Found\"}");
      } else if (m.group(2) != null && method.equals("POST")) {
        comments
            .computeIfAbsent(number, k -> new CopyOnWriteArrayList<>())
            .add(JSON.readTree(body).path("body").asText());
        reply(ex, 201, "{\"id\":1}");
      } else if (method.equals("PATCH")) {
        JsonNode in = JSON.readTree(body);
        issue.put("state", in.path("state").asText(issue.path("state").asText()));
        reply(ex, 200, issue.toString());
      } else {
        reply(ex, 200, issue.toString());
      }
      return;
    }
    reply(ex, 404, "{\"message\":\"Not Found\"}");
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  long openIssueCount() {
    return issues.values().stream().filter(i -> i.path("state").asText().equals("open")).count();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
