package dev.ffe.steps.aws.internal;

import dev.ffe.steps.aws.BackupManifest;
import dev.ffe.steps.aws.BackupManifest.Entry;
import dev.ffe.steps.aws.VerifyResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Verifies one archive in a single streamed pass: the compressed bytes against the {@code .sha256},
 * every entry against the manifest, the manifest against itself and the sidecar copy, and every
 * entry name and link against the extraction safety rules. Not thread-safe.
 */
public final class Verifier {
  private static final int MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

  /** The outcome plus the manifest that was checked (sidecar, else embedded). */
  public record Outcome(VerifyResult result, Optional<BackupManifest> manifest) {}

  private record Seen(
      String type, long size, long mtimeSeconds, int mode, String sha256, String link) {}

  private final String archive;
  private final boolean requireManifest;
  private final boolean allowExternalLinks;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Seen> seen = new LinkedHashMap<>();
  private final Set<String> symlinks = new HashSet<>();
  private final byte[] buffer = new byte[Hashing.BUFFER];
  private byte[] embeddedManifest;
  private boolean afterManifest;
  private long entries;
  private long files;
  private long bytes;

  /**
   * Creates a verifier.
   *
   * @param archive the archive name used in every problem
   * @param requireManifest true for FFE archives; false for archives made by other tools
   * @param allowExternalLinks true to accept symbolic links that point outside the target
   */
  public Verifier(String archive, boolean requireManifest, boolean allowExternalLinks) {
    this.archive = archive;
    this.requireManifest = requireManifest;
    this.allowExternalLinks = allowExternalLinks;
  }

  /**
   * Verifies the archive read from {@code raw}.
   *
   * @param expectedSha256 the hash from the {@code .sha256} file, if there is one
   * @param sidecar the manifest stored beside the archive, if there is one
   */
  public Outcome verify(
      InputStream raw, Optional<String> expectedSha256, Optional<BackupManifest> sidecar) {
    long start = System.nanoTime();
    ArchiveScanner scanner = new ArchiveScanner(raw);
    try {
      scanner.scan(this::entry);
    } catch (IOException | RuntimeException e) {
      problems.add(
          "backup " + archive + " cannot be read after " + entries + " entries: " + e.getMessage());
    }
    try {
      scanner.drain();
    } catch (IOException e) {
      problems.add("backup " + archive + " cannot be read to its end: " + e.getMessage());
    }
    String actual = scanner.sha256();
    boolean checksumOk = expectedSha256.map(actual::equals).orElse(!requireManifest);
    if (expectedSha256.isPresent() && !checksumOk) {
      problems.add(
          0,
          "backup "
              + archive
              + " has sha256 "
              + actual
              + " but its .sha256 file says "
              + expectedSha256.get());
    } else if (expectedSha256.isEmpty() && requireManifest) {
      problems.add(0, "backup " + archive + " has no .sha256 file: it is incomplete");
    }
    Optional<BackupManifest> manifest = checkManifest(sidecar);
    manifest.ifPresent(this::compare);
    double seconds = (System.nanoTime() - start) / 1e9;
    VerifyResult result =
        new VerifyResult(
            archive,
            problems.isEmpty(),
            checksumOk,
            entries,
            files,
            bytes,
            actual,
            seconds,
            problems);
    return new Outcome(result, manifest);
  }

  private void entry(TarArchiveEntry e, InputStream content) throws IOException {
    entries++;
    if (afterManifest) {
      problems.add("backup " + archive + " has entry " + e.getName() + " after its manifest");
    }
    Optional<String> clean;
    try {
      clean = SafePaths.clean(e.getName());
    } catch (SafePaths.UnsafeEntryException unsafe) {
      problems.add("backup " + archive + ": " + unsafe.getMessage() + "; refusing to restore it");
      return;
    }
    if (clean.isEmpty()) {
      return; // the archive root "./"
    }
    String path = clean.get();
    SafePaths.Kind kind = SafePaths.kind(e);
    if (path.equals(BackupManifest.ENTRY_NAME) && kind == SafePaths.Kind.FILE) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long copied = 0;
      int n;
      while ((n = content.read(buffer)) >= 0) {
        copied += n;
        if (copied > MAX_MANIFEST_BYTES) {
          problems.add("backup " + archive + " has an oversized manifest");
          return;
        }
        out.write(buffer, 0, n);
      }
      embeddedManifest = out.toByteArray();
      afterManifest = true;
      return;
    }
    for (String ancestor : SafePaths.ancestors(path)) {
      if (symlinks.contains(ancestor)) {
        problems.add(
            "backup "
                + archive
                + ": entry "
                + path
                + " would be written through the symbolic link "
                + ancestor
                + "; refusing to restore it");
      }
    }
    long mtime = e.getLastModifiedTime().toInstant().getEpochSecond();
    int mode = e.getMode() & 07777;
    Seen s;
    if (kind == SafePaths.Kind.DIR) {
      s = new Seen(Entry.DIR, 0, mtime, mode, "", "");
    } else if (kind == SafePaths.Kind.SYMLINK) {
      String target = e.getLinkName();
      if (!allowExternalLinks && !SafePaths.linkStaysInside(path, target)) {
        problems.add(
            "backup "
                + archive
                + ": symbolic link "
                + path
                + " points outside the target ("
                + target
                + "); refusing to restore it");
      }
      symlinks.add(path);
      s = new Seen(Entry.SYMLINK, 0, mtime, mode, "", target);
    } else if (kind == SafePaths.Kind.HARDLINK) {
      try {
        Optional<String> target = SafePaths.clean(e.getLinkName());
        Seen t = target.map(seen::get).orElse(null);
        if (t == null || !Entry.FILE.equals(t.type())) {
          problems.add(
              "backup "
                  + archive
                  + ": hard link "
                  + path
                  + " points to "
                  + e.getLinkName()
                  + ", which is not an earlier file in the archive");
        }
        s =
            new Seen(
                Entry.FILE, t == null ? 0 : t.size(), mtime, mode, t == null ? "" : t.sha256(), "");
      } catch (SafePaths.UnsafeEntryException unsafe) {
        problems.add("backup " + archive + ": hard link " + path + ": " + unsafe.getMessage());
        return;
      }
    } else if (kind == SafePaths.Kind.FILE) {
      MessageDigest digest = Hashing.sha256();
      long size = 0;
      int n;
      while ((n = content.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
        size += n;
      }
      files++;
      bytes += size;
      s = new Seen(Entry.FILE, size, mtime, mode, Hashing.hex(digest.digest()), "");
    } else {
      problems.add(
          "backup "
              + archive
              + ": entry "
              + path
              + " is a device, fifo or other special file; refusing to restore it");
      return;
    }
    if (seen.put(path, s) != null) {
      problems.add("backup " + archive + " holds " + path + " more than once");
    }
  }

  private Optional<BackupManifest> checkManifest(Optional<BackupManifest> sidecar) {
    Optional<BackupManifest> embedded = Optional.empty();
    if (embeddedManifest != null) {
      try {
        embedded = Optional.of(Json.readManifest(embeddedManifest));
      } catch (IOException | RuntimeException e) {
        problems.add("backup " + archive + " has an unreadable manifest: " + e.getMessage());
      }
    }
    if (sidecar.isPresent() && embedded.isPresent() && !sidecar.get().equals(embedded.get())) {
      problems.add("backup " + archive + ": the manifest beside it differs from the one inside it");
    }
    Optional<BackupManifest> manifest = sidecar.isPresent() ? sidecar : embedded;
    if (manifest.isEmpty() && requireManifest) {
      problems.add("backup " + archive + " has no manifest");
    }
    if (manifest.isPresent() && requireManifest && !manifest.get().archive().equals(archive)) {
      problems.add(
          "backup "
              + archive
              + ": its manifest describes "
              + manifest.get().archive()
              + " instead");
    }
    return manifest;
  }

  private void compare(BackupManifest manifest) {
    Set<String> listed = new HashSet<>();
    if (manifest.type() == dev.ffe.steps.aws.BackupType.INCREMENTAL && manifest.base().isEmpty()) {
      problems.add("backup " + archive + ": incremental manifest names no base backup");
    }
    for (Entry want : manifest.files()) {
      String where = " in backup " + archive;
      if (!listed.add(want.path())) {
        problems.add("manifest lists " + want.path() + " more than once" + where);
        continue;
      }
      Seen got = seen.get(want.path());
      if (got == null) {
        problems.add(
            "file " + want.path() + " is in the manifest but missing from the archive" + where);
        continue;
      }
      if (!got.type().equals(want.type())) {
        problems.add(
            "file "
                + want.path()
                + " is a "
                + got.type()
                + ", manifest says "
                + want.type()
                + where);
        continue;
      }
      if (Entry.FILE.equals(want.type())) {
        if (got.size() != want.size()) {
          problems.add(
              "file "
                  + want.path()
                  + " has "
                  + got.size()
                  + " bytes, manifest says "
                  + want.size()
                  + where);
        } else if (!got.sha256().equals(want.sha256())) {
          problems.add(
              "file "
                  + want.path()
                  + " has sha256 "
                  + got.sha256()
                  + ", manifest says "
                  + want.sha256()
                  + where);
        }
      }
      if (Entry.SYMLINK.equals(want.type()) && !got.link().equals(want.linkTarget())) {
        problems.add(
            "link "
                + want.path()
                + " points to "
                + got.link()
                + ", manifest says "
                + want.linkTarget()
                + where);
      }
      if (got.mode() != want.permissions()) {
        problems.add(
            "file "
                + want.path()
                + " has mode "
                + Integer.toOctalString(got.mode())
                + ", manifest says "
                + want.mode()
                + where);
      }
      if (got.mtimeSeconds() != want.mtimeInstant().getEpochSecond()) {
        problems.add(
            "file "
                + want.path()
                + " has another mtime than the manifest's "
                + want.mtime()
                + where);
      }
    }
    for (String path : seen.keySet()) {
      if (!listed.contains(path)) {
        problems.add(
            "file " + path + " is in the archive but not in its manifest, in backup " + archive);
      }
    }
  }
}
