package dev.ffe.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ffe.core.AttemptResult;
import dev.ffe.core.Durations;
import dev.ffe.core.StepResult;
import dev.ffe.core.StepStatus;
import dev.ffe.core.WorkflowResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads results in the seed's JSON shape: {@code workflow_name}, {@code success}, {@code
 * duration} (seconds), {@code steps} with {@code name}, {@code status}, {@code duration}, {@code
 * output}; nested steps nest. Extra fields: {@code status}, {@code started_at}, {@code
 * finished_at}, {@code attempts}, {@code attempt_history}, {@code error}, {@code reason} (why a
 * step was skipped), {@code role}, {@code compensation}.
 */
public final class ResultJson {
  /** The mapper for results; outputs that Jackson cannot write fall back to their text. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .findAndRegisterModules()
          .registerModule(
              new com.fasterxml.jackson.databind.module.SimpleModule("ffe-time")
                  // ISO-8601 text for java.time values even without the jsr310 module
                  .addSerializer(
                      java.time.Instant.class,
                      com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance)
                  .addSerializer(
                      java.time.Duration.class,
                      com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance))
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ResultJson() {}

  /** Returns the result as pretty-printed JSON. */
  public static String write(WorkflowResult result) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("workflow_name", result.workflowName());
    json.put("success", result.success());
    json.put("status", result.status().jsonName());
    json.put("duration", Durations.seconds(result.duration()));
    json.put("started_at", result.startedAt().toString());
    result.root().finishedAt().ifPresent(t -> json.put("finished_at", t.toString()));
    result.error().ifPresent(e -> json.put("error", e));
    ArrayNode steps = json.putArray("steps");
    for (StepResult step : result.steps()) {
      steps.add(step(step));
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode step(StepResult r) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("name", r.name());
    json.put("status", r.status().jsonName());
    json.put("duration", Durations.seconds(r.duration()));
    r.output().ifPresent(o -> json.set("output", output(o)));
    r.error().ifPresent(e -> json.put(r.status() == StepStatus.SKIPPED ? "reason" : "error", e));
    r.role().ifPresent(role -> json.put("role", role));
    r.startedAt().ifPresent(t -> json.put("started_at", t.toString()));
    r.finishedAt().ifPresent(t -> json.put("finished_at", t.toString()));
    json.put("attempts", r.attempts().size());
    if (!r.attempts().isEmpty()) {
      ArrayNode history = json.putArray("attempt_history");
      for (AttemptResult a : r.attempts()) {
        ObjectNode aj = history.addObject();
        aj.put("attempt", a.number());
        aj.put("status", a.status().jsonName());
        aj.put("started_at", a.startedAt().toString());
        aj.put("finished_at", a.finishedAt().toString());
        aj.put("delay_before", Durations.seconds(a.delayBefore()));
        aj.put("duration", Durations.seconds(a.duration()));
        a.errorMessage().ifPresent(e -> aj.put("error", e));
      }
    }
    if (!r.steps().isEmpty()) {
      ArrayNode children = json.putArray("steps");
      for (StepResult child : r.steps()) {
        children.add(step(child));
      }
    }
    r.compensation().ifPresent(c -> json.set("compensation", step(c)));
    return json;
  }

  private static JsonNode output(Object output) {
    try {
      return MAPPER.valueToTree(output);
    } catch (IllegalArgumentException e) {
      return MAPPER.getNodeFactory().textNode(String.valueOf(output));
    }
  }

  /** Writes the result to exactly {@code file}, atomically (temporary file, then rename). */
  public static void writeAtomically(WorkflowResult result, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".journal_", ".json.tmp");
    try {
      Files.write(tmp, write(result).getBytes(StandardCharsets.UTF_8));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes the result under {@code dir} atomically and returns the file. */
  public static Path writeFile(WorkflowResult result, Path dir) throws IOException {
    Files.createDirectories(dir);
    String base =
        "workflow_" + safe(result.workflowName()) + "_" + FILE_STAMP.format(result.startedAt());
    byte[] bytes = write(result).getBytes(StandardCharsets.UTF_8);
    Path tmp = Files.createTempFile(dir, ".workflow_", ".json.tmp");
    try {
      Files.write(tmp, bytes);
      for (int n = 1; ; n++) {
        Path target = dir.resolve(base + (n == 1 ? "" : "_" + n) + ".json");
        if (Files.exists(target)) {
          continue;
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target);
        } catch (FileAlreadyExistsException e) {
          continue;
        }
        return target;
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Reads a result file, naming it in errors. */
  public static WorkflowResult readFile(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read result file " + file + ": " + e.getMessage(), e);
    }
    try {
      return read(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Reads result JSON. */
  public static WorkflowResult read(String json) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid JSON (" + e.getOriginalMessage() + "): is the file truncated?", e);
    }
    if (tree == null || !tree.isObject() || !tree.hasNonNull("workflow_name")) {
      throw new IllegalArgumentException(
          "not a workflow result: the field 'workflow_name' is missing");
    }
    String name = tree.get("workflow_name").asText();
    StepStatus status =
        tree.hasNonNull("status")
            ? StepStatus.fromJsonName(tree.get("status").asText())
            : tree.path("success").asBoolean() ? StepStatus.COMPLETED : StepStatus.FAILED;
    List<StepResult> steps = new ArrayList<>();
    for (JsonNode child : tree.path("steps")) {
      steps.add(readStep(child, ""));
    }
    Instant started = instant(tree, "started_at");
    Instant finished = instant(tree, "finished_at");
    if (started == null) {
      started = Instant.EPOCH;
      finished = started.plus(Durations.ofSeconds(tree.path("duration").asDouble()));
    }
    return new WorkflowResult(
        new StepResult(
            name,
            "",
            status,
            started,
            finished,
            List.of(),
            null,
            text(tree, "error"),
            null,
            steps,
            null,
            null));
  }

  private static StepResult readStep(JsonNode json, String parentPath) {
    if (!json.hasNonNull("name") || !json.hasNonNull("status")) {
      throw new IllegalArgumentException(
          "a step under '" + parentPath + "' lacks 'name' or 'status'");
    }
    String name = json.get("name").asText();
    String path = parentPath.isEmpty() ? name : parentPath + "/" + name;
    List<AttemptResult> attempts = new ArrayList<>();
    for (JsonNode a : json.path("attempt_history")) {
      attempts.add(
          new AttemptResult(
              a.path("attempt").asInt(),
              Instant.parse(a.path("started_at").asText()),
              Instant.parse(a.path("finished_at").asText()),
              Durations.ofSeconds(a.path("delay_before").asDouble()),
              StepStatus.fromJsonName(a.path("status").asText()),
              text(a, "error")));
    }
    List<StepResult> children = new ArrayList<>();
    for (JsonNode child : json.path("steps")) {
      children.add(readStep(child, path));
    }
    Object output =
        json.has("output") ? MAPPER.convertValue(json.get("output"), Object.class) : null;
    String error = text(json, "error");
    if (error == null) {
      error = text(json, "reason");
    }
    StepResult compensation =
        json.hasNonNull("compensation") ? readStep(json.get("compensation"), path) : null;
    return new StepResult(
        name,
        path,
        StepStatus.fromJsonName(json.get("status").asText()),
        instant(json, "started_at"),
        instant(json, "finished_at"),
        attempts,
        output,
        error,
        null,
        children,
        compensation,
        text(json, "role"));
  }

  private static String text(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asText() : null;
  }

  private static Instant instant(JsonNode json, String field) {
    return json.hasNonNull(field) ? Instant.parse(json.get(field).asText()) : null;
  }
}
