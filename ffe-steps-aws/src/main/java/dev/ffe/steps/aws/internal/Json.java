package dev.ffe.steps.aws.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ffe.steps.aws.BackupManifest;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads and writes manifests. Thread-safe: the mapper is configured once, then only used. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  /** Returns the manifest as UTF-8 JSON. */
  public static byte[] write(BackupManifest manifest) {
    try {
      return MAPPER.writeValueAsBytes(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a manifest. */
  public static BackupManifest readManifest(byte[] json) throws IOException {
    BackupManifest manifest = MAPPER.readValue(json, BackupManifest.class);
    if (!BackupManifest.FORMAT.equals(manifest.format())) {
      throw new IOException(
          "unsupported manifest format '"
              + manifest.format()
              + "', expected "
              + BackupManifest.FORMAT);
    }
    return manifest;
  }

  /** Returns any value as compact JSON (for tests and the CLI). */
  public static String toJson(Object value) {
    try {
      return MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
