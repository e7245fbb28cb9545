package dev.ffe.examples.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the small files the examples work on: a data directory and shell scripts. */
public final class DemoFiles {
  private DemoFiles() {}

  /** Creates {@code dir} with a few files that look like an application's data; returns it. */
  public static Path dataDirectory(Path dir) {
    write(dir.resolve("db/users.csv"), "id,name\n1,ada\n2,grace\n3,linus\n");
    write(dir.resolve("db/orders.csv"), "id,user,total\n7,1,42.50\n8,3,17.00\n");
    write(dir.resolve("config/app.yaml"), "service: demo\nreplicas: 2\n");
    write(dir.resolve("uploads/readme.txt"), "uploaded files live here\n");
    return dir;
  }

  /** Writes an executable shell script; returns its path. */
  public static Path script(Path file, String body) {
    write(file, "#!/bin/sh\nset -eu\n" + body);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the examples call it through 'sh' anyway
    }
    return file;
  }

  /** Writes {@code text} to {@code file}, creating parent directories. */
  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo file " + file, e);
    }
  }
}
