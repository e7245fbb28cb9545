package dev.ffe.steps.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds source trees and describes trees for comparison. */
final class Trees {
  static final Instant T0 = Instant.parse("2025-01-20T10:00:00.123456789Z");

  private Trees() {}

  static Path file(Path root, String rel, String content) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(p, FileTime.from(T0));
    return p;
  }

  /** A small mixed tree: nested dirs, an empty dir, a long name, a link, modes, unicode. */
  static Path sample(Path parent) throws IOException {
    Path root = parent.resolve("app");
    Files.createDirectories(root);
    file(root, "config/app.yml", "port: 8080\n");
    file(root, "config/secrets/db.env", "DB=prod\n");
    Files.setPosixFilePermissions(
        root.resolve("config/secrets/db.env"), PosixFilePermissions.fromString("rw-------"));
    file(root, "data/" + "deep/".repeat(12) + "x".repeat(90) + ".bin", "long name content");
    file(root, "data/empty.txt", "");
    file(root, "logs/app.log", "line\n".repeat(1000));
    file(root, "logs/zoë-ünïcode.txt", "unicode");
    Path script = file(root, "bin/run.sh", "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    Files.createDirectories(root.resolve("empty-dir"));
    Files.createSymbolicLink(root.resolve("current"), Path.of("config/app.yml"));
    Files.setLastModifiedTime(root.resolve("empty-dir"), FileTime.from(T0));
    return root;
  }

  /**
   * Describes every path under root: type, size, mode, mtime (seconds), content hash, link target.
   */
  static Map<String, String> describe(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(root)) {
          continue;
        }
        String rel = root.relativize(p).toString();
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
          out.put(rel, "link -> " + Files.readSymbolicLink(p));
          continue;
        }
        PosixFileAttributes px =
            Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String mode = PosixFilePermissions.toString(px.permissions());
        long mtime = a.lastModifiedTime().toInstant().getEpochSecond();
        if (a.isDirectory()) {
          out.put(rel, "dir " + mode + " " + mtime);
        } else {
          out.put(
              rel,
              "file "
                  + mode
                  + " "
                  + mtime
                  + " "
                  + a.size()
                  + " "
                  + dev.ffe.steps.aws.internal.Hashing.sha256(p));
        }
      }
    }
    return out;
  }

  /** Like describe, but without directory mtimes (GNU tar and we both set them; fine-grained). */
  static Map<String, String> describeWithoutDirTimes(Path root) throws IOException {
    Map<String, String> out = describe(root);
    out.replaceAll((k, v) -> v.startsWith("dir ") ? v.substring(0, v.lastIndexOf(' ')) : v);
    return out;
  }
}
