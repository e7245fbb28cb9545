package dev.ffe.steps.aws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A directory on this machine (or a mounted share) that holds backups in {@code
 * {directory}/{environment}/}. Needs no cloud account. Files are written under a hidden temporary
 * name, synced, and renamed into place.
 *
 * <p>Immutable and thread-safe.
 */
public final class LocalTarget implements BackupTarget {
  private static final String TEMP_PREFIX = ".ffe-tmp-";
  private final Path directory;

  private LocalTarget(Path directory) {
    this.directory = directory;
  }

  /** Returns a target for {@code directory}; it is created on the first backup. */
  public static LocalTarget of(Path directory) {
    Objects.requireNonNull(directory, "directory == null");
    return new LocalTarget(directory.toAbsolutePath().normalize());
  }

  /** Returns the target directory. */
  public Path directory() {
    return directory;
  }

  private Path resolve(String key) {
    Path p = directory.resolve(key).normalize();
    if (!p.startsWith(directory)) {
      throw new IllegalArgumentException("key '" + key + "' leaves the target directory");
    }
    return p;
  }

  @Override
  public String location() {
    return "file:" + directory;
  }

  @Override
  public String location(String key) {
    return "file:" + resolve(key);
  }

  @Override
  public Map<String, Long> list(String folder) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    Path dir = resolve(folder);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(p)) {
          out.put(name, Files.size(p));
        }
      }
    } catch (AccessDeniedException e) {
      throw new BackupException(
          "cannot list backup directory " + dir + " (permission denied): grant read access", e);
    }
    return out;
  }

  @Override
  public boolean exists(String key) {
    return Files.exists(resolve(key));
  }

  @Override
  public InputStream open(String key) throws IOException {
    Path p = resolve(key);
    try {
      return Files.newInputStream(p);
    } catch (NoSuchFileException e) {
      throw new BackupException("backup file " + p + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new BackupException("cannot read backup file " + p + " (permission denied)", e);
    }
  }

  @Override
  public Optional<Path> localFile(String key) {
    return Optional.of(resolve(key));
  }

  @Override
  public Path stagingFile(String key) throws IOException {
    Path finalPath = resolve(key);
    Path dir = finalPath.getParent();
    try {
      Files.createDirectories(dir);
      return Files.createFile(
          dir.resolve(TEMP_PREFIX + finalPath.getFileName() + "-" + UUID.randomUUID()));
    } catch (FileAlreadyExistsException | NotDirectoryException e) {
      throw notWritable(dir, "a file is in the way of the directory", e);
    } catch (AccessDeniedException e) {
      throw notWritable(dir, "permission denied", e);
    } catch (FileSystemException e) {
      throw notWritable(dir, e.getReason() == null ? e.getMessage() : e.getReason(), e);
    }
  }

  private static BackupException notWritable(Path dir, String why, Exception e) {
    return new BackupException(
        "backup directory "
            + dir
            + " is not writable ("
            + why
            + "): fix the target path or its permissions",
        e);
  }

  @Override
  public void store(Path file, String key) throws IOException {
    Path finalPath = resolve(key);
    Files.createDirectories(finalPath.getParent());
    if (Files.exists(finalPath)) {
      throw new BackupException(
          "backup file " + finalPath + " already exists: refusing to overwrite a backup");
    }
    Path staged = file;
    if (!file.toAbsolutePath().getParent().equals(finalPath.getParent())) {
      staged = stagingFile(key);
      Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
      channel.force(true); // the bytes reach the disk before the name does
    }
    Files.move(staged, finalPath, StandardCopyOption.ATOMIC_MOVE);
    if (!staged.equals(file)) {
      Files.deleteIfExists(file);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolve(key));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalTarget other && other.directory.equals(directory);
  }

  @Override
  public int hashCode() {
    return directory.hashCode();
  }

  @Override
  public String toString() {
    return location();
  }
}
