package dev.ffe.steps.aws.internal;

import dev.ffe.steps.aws.BackupException;
import dev.ffe.steps.aws.BackupManifest;
import dev.ffe.steps.aws.BackupManifest.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Writes archive entries under one root and nowhere else: names are cleaned lexically, no parent
 * directory may be a symbolic link, files are written to a temporary name and renamed into place
 * only after their hash matched the manifest, and directory modes and mtimes are applied last,
 * deepest first. Not thread-safe.
 */
public final class Extractor {
  private static final String TEMP_PREFIX = ".ffe-restore-";

  private record DirMeta(int mode, FileTime mtime) {}

  private final Path root;
  private final boolean allowExternalLinks;
  private final Map<String, DirMeta> directories = new HashMap<>();
  private final byte[] buffer = new byte[Hashing.BUFFER];
  private Map<String, Entry> expected = Map.of();
  private String archive = "";
  private boolean strict;
  private final java.util.Set<String> seen = new java.util.HashSet<>();
  private long files;
  private long bytes;
  private long deleted;

  /**
   * Creates an extractor for {@code root}, which must exist.
   *
   * @param allowExternalLinks true to create symbolic links that point outside the root
   */
  public Extractor(Path root, boolean allowExternalLinks) throws IOException {
    this.root = root.toRealPath();
    this.allowExternalLinks = allowExternalLinks;
  }

  /** Sets the archive being extracted and its manifest, whose hashes each file must match. */
  public void startArchive(String archiveName, Optional<BackupManifest> manifest) {
    this.archive = archiveName;
    Map<String, Entry> byPath = new HashMap<>();
    manifest.ifPresent(m -> m.files().forEach(e -> byPath.put(e.path(), e)));
    this.expected = byPath;
    this.strict = manifest.isPresent();
    this.seen.clear();
  }

  /**
   * Checks that every entry the manifest lists was in the archive.
   *
   * @throws BackupException naming the first missing entry and the archive
   */
  public void endArchive() {
    if (strict) {
      for (String path : expected.keySet()) {
        if (!seen.contains(path)) {
          throw new BackupException(
              "file " + path + " is in the manifest but missing from backup " + archive);
        }
      }
    }
  }

  /** Returns regular files written so far. */
  public long files() {
    return files;
  }

  /** Returns content bytes written so far. */
  public long bytes() {
    return bytes;
  }

  /** Returns paths deleted so far. */
  public long deleted() {
    return deleted;
  }

  /** Extracts one entry. */
  public void entry(TarArchiveEntry e, InputStream content) throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("restore interrupted at " + e.getName());
    }
    Optional<String> clean = SafePaths.clean(e.getName());
    if (clean.isEmpty()) {
      return;
    }
    String path = clean.get();
    if (path.equals(BackupManifest.ENTRY_NAME)) {
      return;
    }
    Optional<Entry> want = Optional.ofNullable(expected.get(path));
    if (strict && want.isEmpty()) {
      throw new BackupException(
          "entry "
              + path
              + " of backup "
              + archive
              + " is not in its manifest: the archive is corrupt");
    }
    seen.add(path);
    FileTime mtime =
        want.map(w -> FileTime.from(Instant.parse(w.mtime()))).orElse(e.getLastModifiedTime());
    int mode = e.getMode() & 07777;
    SafePaths.Kind kind = SafePaths.kind(e);
    if (kind == SafePaths.Kind.REFUSED) {
      throw new SafePaths.UnsafeEntryException(
          "entry " + path + " is a device, fifo or other special file");
    }
    Path dest = prepareParents(path);
    if (kind == SafePaths.Kind.DIR) {
      BasicFileAttributes existing = attributes(dest);
      if (existing != null && !existing.isDirectory()) {
        deleteTree(dest);
        existing = null;
      }
      if (existing == null) {
        Files.createDirectory(dest);
      }
      directories.put(path, new DirMeta(mode, mtime));
    } else if (kind == SafePaths.Kind.SYMLINK) {
      String target = e.getLinkName();
      if (!allowExternalLinks && !SafePaths.linkStaysInside(path, target)) {
        throw new SafePaths.UnsafeEntryException(
            "symbolic link " + path + " points outside the target (" + target + ")");
      }
      removeExisting(dest);
      Files.createSymbolicLink(dest, Path.of(target));
      setTimes(dest, mtime, LinkOption.NOFOLLOW_LINKS);
    } else if (kind == SafePaths.Kind.HARDLINK) {
      String source =
          SafePaths.clean(e.getLinkName())
              .orElseThrow(
                  () -> new SafePaths.UnsafeEntryException("hard link " + path + " has no target"));
      Path sourcePath = prepareParents(source);
      BasicFileAttributes attrs = attributes(sourcePath);
      if (attrs == null || !attrs.isRegularFile()) {
        throw new SafePaths.UnsafeEntryException(
            "hard link " + path + " points to " + source + ", which is not a restored file");
      }
      removeExisting(dest);
      Files.createLink(dest, sourcePath);
    } else {
      writeFile(path, dest, content, want, mode, mtime);
    }
  }

  private void writeFile(
      String path, Path dest, InputStream content, Optional<Entry> want, int mode, FileTime mtime)
      throws IOException {
    Path temp =
        dest.resolveSibling(
            TEMP_PREFIX
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()));
    try {
      MessageDigest digest = Hashing.sha256();
      long size = 0;
      try (OutputStream out =
          Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        int n;
        while ((n = content.read(buffer)) >= 0) {
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
          size += n;
        }
      }
      String sha = Hashing.hex(digest.digest());
      if (want.isPresent() && !want.get().sha256().equals(sha)) {
        throw new BackupException(
            "file "
                + path
                + " in backup "
                + archive
                + " has sha256 "
                + sha
                + " but the manifest says "
                + want.get().sha256()
                + ": the archive is corrupt, nothing was written for this file");
      }
      setMode(temp, mode);
      Files.setLastModifiedTime(temp, mtime);
      BasicFileAttributes existing = attributes(dest);
      if (existing != null && existing.isDirectory()) {
        deleteTree(dest);
      }
      Files.move(temp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      files++;
      bytes += size;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Deletes a path recorded as deleted by an incremental backup (and everything below it), never
   * following links.
   */
  public void delete(String rawPath) throws IOException {
    Optional<String> clean = SafePaths.clean(rawPath);
    if (clean.isEmpty()) {
      return;
    }
    String path = clean.get();
    Path current = root;
    for (String ancestor : SafePaths.ancestors(path)) {
      current = root.resolve(ancestor);
      BasicFileAttributes attrs = attributes(current);
      if (attrs == null || !attrs.isDirectory()) {
        return; // nothing of ours below a missing directory or a link
      }
    }
    Path dest = root.resolve(path);
    if (attributes(dest) != null) {
      deleteTree(dest);
      deleted++;
    }
    directories.keySet().removeIf(d -> d.equals(path) || d.startsWith(path + "/"));
  }

  /** Applies directory modes and mtimes, deepest first, after all files are in place. */
  public void finish() throws IOException {
    List<String> paths = new ArrayList<>(directories.keySet());
    paths.sort(Comparator.comparingInt((String p) -> p.split("/").length).reversed());
    for (String path : paths) {
      DirMeta meta = directories.get(path);
      Path dir = root.resolve(path);
      BasicFileAttributes attrs = attributes(dir);
      if (attrs != null && attrs.isDirectory()) {
        setMode(dir, meta.mode());
        Files.setLastModifiedTime(dir, meta.mtime());
      }
    }
  }

  private Path prepareParents(String path) throws IOException {
    Path current = root;
    for (String ancestor : SafePaths.ancestors(path)) {
      current = root.resolve(ancestor);
      BasicFileAttributes attrs = attributes(current);
      if (attrs == null) {
        try {
          Files.createDirectory(current);
        } catch (FileAlreadyExistsException raced) {
          // re-checked below
        }
        attrs = attributes(current);
      }
      if (attrs == null || attrs.isSymbolicLink()) {
        throw new SafePaths.UnsafeEntryException(
            "entry " + path + " would be written through the symbolic link " + ancestor);
      }
      if (!attrs.isDirectory()) {
        throw new BackupException(
            "cannot restore "
                + path
                + " in backup "
                + archive
                + ": "
                + current
                + " is not a directory");
      }
    }
    return root.resolve(path);
  }

  private void removeExisting(Path dest) throws IOException {
    if (attributes(dest) != null) {
      deleteTree(dest);
    }
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static void setMode(Path p, int mode) throws IOException {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        perms.add(order[bit]);
      }
    }
    try {
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default permissions
    }
  }

  private static void setTimes(Path p, FileTime mtime, LinkOption... options) {
    try {
      Files.getFileAttributeView(p, BasicFileAttributeView.class, options)
          .setTimes(mtime, null, null);
    } catch (IOException | UnsupportedOperationException e) {
      // some systems cannot set a link's own time; the link still points right
    }
  }

  /** Deletes a file, link or directory tree without following links. */
  public static void deleteTree(Path path) throws IOException {
    BasicFileAttributes attrs = attributes(path);
    if (attrs == null) {
      return;
    }
    if (attrs.isDirectory()) {
      // a read-only directory would refuse to give up its children
      path.toFile().setWritable(true, true);
      path.toFile().setExecutable(true, true);
      List<Path> children = new ArrayList<>();
      try (var stream = Files.newDirectoryStream(path)) {
        stream.forEach(children::add);
      }
      for (Path child : children) {
        deleteTree(child);
      }
    }
    Files.deleteIfExists(path);
  }
}
