package dev.ffe.steps.http.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes report files so that a reader sees either the old file or the whole new one.
 *
 * <p>Thread-safe: stateless; two writers of one file race only on the final rename.
 */
public final class ReportFiles {
  private ReportFiles() {}

  /**
   * Writes {@code text} as UTF-8 to a temporary file beside {@code file}, then renames it over
   * {@code file}; creates missing parent directories and deletes the temporary file on failure.
   *
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static void writeAtomically(Path file, String text) {
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    Path temp = null;
    try {
      Files.createDirectories(parent);
      temp = Files.createTempFile(parent, "." + absolute.getFileName(), ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new UncheckedIOException(
          "cannot write the load-test report " + file + ": " + e.getMessage(), e);
    }
  }
}
