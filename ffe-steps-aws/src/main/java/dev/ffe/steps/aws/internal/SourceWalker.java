package dev.ffe.steps.aws.internal;

import dev.ffe.steps.aws.BackupException;
import dev.ffe.steps.aws.BackupManifest.Entry;
import dev.ffe.steps.aws.BackupSpec;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Walks a spec's sources in a stable (sorted) order, applying include/exclude globs, never
 * following symbolic links below a source. Not thread-safe; one walk per instance.
 */
public final class SourceWalker {
  private static final String ATTRIBUTES =
      "unix:mode,uid,gid,size,lastModifiedTime,isDirectory,isSymbolicLink,isRegularFile";

  /** Receives each selected entry. */
  @FunctionalInterface
  public interface Visitor {
    /** Handles one entry. */
    void visit(SourceEntry entry) throws IOException;
  }

  private final BackupSpec spec;
  private final List<Glob> includes;
  private final List<Glob> excludes;
  private final List<String> skipped = new ArrayList<>();

  private record Glob(PathMatcher matcher, boolean wholePath) {
    boolean matches(String archivePath) {
      if (wholePath) {
        return matcher.matches(Path.of(archivePath));
      }
      int slash = archivePath.lastIndexOf('/');
      return matcher.matches(Path.of(archivePath.substring(slash + 1)));
    }
  }

  /** Creates a walker for a spec. */
  public SourceWalker(BackupSpec spec) {
    this.spec = spec;
    this.includes = globs(spec.includes());
    this.excludes = globs(spec.excludes());
  }

  private static List<Glob> globs(List<String> patterns) {
    List<Glob> out = new ArrayList<>();
    for (String p : patterns) {
      out.add(new Glob(FileSystems.getDefault().getPathMatcher("glob:" + p), p.contains("/")));
    }
    return out;
  }

  /**
   * Checks that every source exists before anything is written.
   *
   * @throws BackupException naming the first missing source
   */
  public void checkSources() {
    if (spec.sources().isEmpty()) {
      throw new BackupException(
          "backup '" + spec.name() + "' has no sources: add files or directories to back up");
    }
    for (Path source : spec.sources()) {
      if (!Files.exists(source)) {
        throw new BackupException(
            "source " + source + " does not exist: fix the path or remove it from the backup");
      }
    }
  }

  /** Returns the paths skipped so far (sockets, devices, fifos), each with the reason. */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  /** Walks every source. */
  public void walk(Visitor visitor) throws IOException {
    for (Path source : spec.sources()) {
      // A source that is itself a link is followed: the user named it explicitly.
      Path real;
      try {
        real = source.toRealPath();
      } catch (NoSuchFileException e) {
        throw new BackupException(
            "source " + source + " does not exist: fix the path or remove it from the backup", e);
      }
      visit(real, source.getFileName().toString(), visitor, true);
    }
  }

  private void visit(Path file, String archivePath, Visitor visitor, boolean top)
      throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("backup interrupted at " + file);
    }
    Map<String, Object> attrs;
    try {
      attrs = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      if (top) {
        throw new BackupException("source " + file + " does not exist: fix the path", e);
      }
      return; // deleted while we walked: it is simply not part of this backup
    } catch (AccessDeniedException e) {
      throw unreadable(file, e);
    }
    boolean dir = (Boolean) attrs.get("isDirectory");
    boolean link = (Boolean) attrs.get("isSymbolicLink");
    boolean regular = (Boolean) attrs.get("isRegularFile");
    if (!top && excluded(archivePath)) {
      return;
    }
    int mode = ((Integer) attrs.get("mode")) & 07777;
    int uid = (Integer) attrs.get("uid");
    int gid = (Integer) attrs.get("gid");
    FileTime mtime = (FileTime) attrs.get("lastModifiedTime");
    if (dir) {
      visitor.visit(new SourceEntry(archivePath, file, Entry.DIR, 0, mtime, mode, uid, gid, ""));
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(file)) {
        stream.forEach(children::add);
      } catch (AccessDeniedException e) {
        throw unreadable(file, e);
      }
      children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
      for (Path child : children) {
        visit(child, archivePath + "/" + child.getFileName(), visitor, false);
      }
      return;
    }
    if (!top && !included(archivePath)) {
      return;
    }
    if (link) {
      String target = Files.readSymbolicLink(file).toString();
      visitor.visit(
          new SourceEntry(archivePath, file, Entry.SYMLINK, 0, mtime, mode, uid, gid, target));
    } else if (regular) {
      long size = (Long) attrs.get("size");
      visitor.visit(
          new SourceEntry(archivePath, file, Entry.FILE, size, mtime, mode, uid, gid, ""));
    } else {
      skipped.add(file + " (not a regular file, directory or link)");
    }
  }

  private boolean excluded(String archivePath) {
    for (Glob g : excludes) {
      if (g.matches(archivePath)) {
        return true;
      }
    }
    return false;
  }

  private boolean included(String archivePath) {
    if (includes.isEmpty()) {
      return true;
    }
    for (Glob g : includes) {
      if (g.matches(archivePath)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the error for a file or directory the backup may not read. */
  public static BackupException unreadable(Path file, IOException e) {
    return new BackupException(
        "cannot read "
            + file
            + " (permission denied): grant read access to the backup user or exclude it",
        e);
  }
}
