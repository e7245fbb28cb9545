package dev.ffe.steps.aws.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. Thread-safe (stateless). */
public final class Hashing {
  /** The copy buffer size used for file content: large enough to amortize system calls. */
  public static final int BUFFER = 256 * 1024;

  private Hashing() {}

  /** Returns a new SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** Returns {@code bytes} as lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Returns the SHA-256 of a file's content in hex. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  /** Returns the SHA-256 of the rest of a stream in hex; does not close it. */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[BUFFER];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      digest.update(buffer, 0, n);
    }
    return hex(digest.digest());
  }

  /** Returns a {@code sha256sum} line for {@code fileName}: hash, two spaces, name, newline. */
  public static String sumLine(String hash, String fileName) {
    return hash + "  " + fileName + "\n";
  }

  /**
   * Returns the hash for {@code fileName} from a {@code sha256sum} file's text.
   *
   * @throws IllegalArgumentException when no well-formed line names the file
   */
  public static String parseSumFile(String text, String fileName) {
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.length() > 66 && trimmed.charAt(64) == ' ') {
        String hash = trimmed.substring(0, 64);
        String name = trimmed.substring(65);
        if (name.startsWith(" ") || name.startsWith("*")) {
          name = name.substring(1);
        }
        if (name.equals(fileName) && hash.matches("[0-9a-fA-F]{64}")) {
          return hash.toLowerCase(java.util.Locale.ROOT);
        }
      }
    }
    throw new IllegalArgumentException(
        "no sha256sum line for '" + fileName + "' (expected '<64 hex>  " + fileName + "')");
  }
}
