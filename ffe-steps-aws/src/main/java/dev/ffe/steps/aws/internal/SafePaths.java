package dev.ffe.steps.aws.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lexical checks on archive entry names and link targets, so a hostile archive is refused before
 * anything is written. Thread-safe (stateless).
 */
public final class SafePaths {
  private SafePaths() {}

  /**
   * Returns the entry name as a clean relative path ({@code a/b}), or empty for the archive root
   * ({@code ./}).
   *
   * @throws UnsafeEntryException for absolute names, {@code ..} segments or NUL characters
   */
  public static Optional<String> clean(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new UnsafeEntryException("entry '" + name + "' contains a NUL character");
    }
    if (name.startsWith("/")) {
      throw new UnsafeEntryException("entry '" + name + "' has an absolute path");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new UnsafeEntryException("entry '" + name + "' contains a '..' segment");
      }
      parts.add(part);
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
  }

  /**
   * True when a symbolic link at {@code linkPath} (clean, relative) pointing to {@code target}
   * stays inside the extraction root.
   */
  public static boolean linkStaysInside(String linkPath, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
      return false;
    }
    List<String> stack = new ArrayList<>(List.of(linkPath.split("/")));
    stack.remove(stack.size() - 1);
    for (String part : target.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (stack.isEmpty()) {
          return false;
        }
        stack.remove(stack.size() - 1);
      } else {
        stack.add(part);
      }
    }
    return true;
  }

  /** Returns the proper ancestors of a clean path: {@code a/b/c} gives {@code a}, {@code a/b}. */
  public static List<String> ancestors(String path) {
    List<String> out = new ArrayList<>();
    int i = path.indexOf('/');
    while (i >= 0) {
      out.add(path.substring(0, i));
      i = path.indexOf('/', i + 1);
    }
    return out;
  }

  /** The kinds of tar entries a restore accepts; everything else is refused. */
  public enum Kind {
    /** A regular file. */
    FILE,
    /** A directory. */
    DIR,
    /** A symbolic link. */
    SYMLINK,
    /** A hard link to an earlier entry. */
    HARDLINK,
    /** A device, fifo, socket or unknown type. */
    REFUSED
  }

  /** Returns the kind of an entry, judged by its type flag alone. */
  public static Kind kind(org.apache.commons.compress.archivers.tar.TarArchiveEntry e) {
    if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
      return Kind.REFUSED;
    }
    if (e.isDirectory()) {
      return Kind.DIR;
    }
    if (e.isSymbolicLink()) {
      return Kind.SYMLINK;
    }
    if (e.isLink()) {
      return Kind.HARDLINK;
    }
    byte flag = e.getLinkFlag();
    if (flag == org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL
        || flag == org.apache.commons.compress.archivers.tar.TarConstants.LF_OLDNORM
        || flag == org.apache.commons.compress.archivers.tar.TarConstants.LF_CONTIG) {
      return Kind.FILE;
    }
    return Kind.REFUSED;
  }

  /** Signals an archive entry that would write outside the target or is of a refused kind. */
  public static final class UnsafeEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public UnsafeEntryException(String message) {
      super(message);
    }
  }
}
