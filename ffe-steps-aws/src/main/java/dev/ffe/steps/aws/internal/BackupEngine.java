package dev.ffe.steps.aws.internal;

import dev.ffe.steps.aws.BackupException;
import dev.ffe.steps.aws.BackupInfo;
import dev.ffe.steps.aws.BackupManifest;
import dev.ffe.steps.aws.BackupManifest.Entry;
import dev.ffe.steps.aws.BackupResult;
import dev.ffe.steps.aws.BackupSpec;
import dev.ffe.steps.aws.BackupTarget;
import dev.ffe.steps.aws.BackupType;
import dev.ffe.steps.aws.BackupVerificationException;
import dev.ffe.steps.aws.CleanupResult;
import dev.ffe.steps.aws.RestoreResult;
import dev.ffe.steps.aws.RetentionPolicy;
import dev.ffe.steps.aws.TestRecoveryResult;
import dev.ffe.steps.aws.VerifyResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does the work behind {@code Backups}: one series (name + environment) in one target. Thread-safe
 * as far as the target is; two backups of one series must not run at the same time.
 */
public final class BackupEngine {
  private static final Logger LOG = LoggerFactory.getLogger(BackupEngine.class);
  private static final String LATEST = "latest";

  /** The FFE version written into manifests. */
  public static final String TOOL_VERSION =
      "ffe "
          + Optional.ofNullable(BackupEngine.class.getPackage().getImplementationVersion())
              .orElse("dev");

  private final BackupSpec spec;
  private final BackupTarget target;
  private final RetentionPolicy retention;
  private final Path workDirectory;
  private final boolean allowExternalLinks;
  private final boolean testExtractBeforeRestore;

  /** Creates an engine. */
  public BackupEngine(
      BackupSpec spec,
      BackupTarget target,
      RetentionPolicy retention,
      Path workDirectory,
      boolean allowExternalLinks,
      boolean testExtractBeforeRestore) {
    this.spec = spec;
    this.target = target;
    this.retention = retention;
    this.workDirectory = workDirectory;
    this.allowExternalLinks = allowExternalLinks;
    this.testExtractBeforeRestore = testExtractBeforeRestore;
  }

  private String key(String file) {
    return spec.environment() + "/" + file;
  }

  private static double since(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
  }

  // ---------------------------------------------------------------- listing

  /** Returns the complete backups of this series, oldest first. */
  public List<BackupInfo> list() {
    Map<String, Long> files = listFiles();
    List<BackupInfo> out = new ArrayList<>();
    for (Map.Entry<String, Long> f : files.entrySet()) {
      Optional<BackupNames.Parsed> parsed = BackupNames.parse(f.getKey(), spec.name());
      if (parsed.isPresent() && files.containsKey(BackupNames.sha256(f.getKey()))) {
        BackupNames.Parsed p = parsed.get();
        out.add(
            new BackupInfo(
                spec.name(),
                spec.environment(),
                p.type(),
                p.archive(),
                p.timestamp().toString(),
                f.getValue()));
      }
    }
    out.sort((a, b) -> a.instant().compareTo(b.instant()));
    return out;
  }

  private Map<String, Long> listFiles() {
    try {
      return target.list(spec.environment());
    } catch (IOException e) {
      throw new BackupException(
          "cannot list " + target.location(spec.environment()) + ": " + e.getMessage(), e);
    }
  }

  private BackupInfo resolve(String archive) {
    List<BackupInfo> all = list();
    if (LATEST.equals(archive)) {
      if (all.isEmpty()) {
        throw new BackupException(
            "no complete backup of '"
                + spec.name()
                + "' in "
                + target.location(spec.environment())
                + ": run a full backup first");
      }
      return all.get(all.size() - 1);
    }
    for (BackupInfo info : all) {
      if (info.archive().equals(archive)) {
        return info;
      }
    }
    if (BackupNames.parse(archive, spec.name()).isEmpty()) {
      throw new BackupException(
          "'"
              + archive
              + "' is not an archive of backup '"
              + spec.name()
              + "': expected "
              + spec.name()
              + "-{full|incremental}-yyyyMMdd_HHmmss.tar.gz or 'latest'");
    }
    throw new BackupException(
        "backup "
            + archive
            + " is not in "
            + target.location(spec.environment())
            + " or is incomplete (no .sha256)");
  }

  private BackupManifest readManifest(String archive) {
    String key = key(BackupNames.manifest(archive));
    try (InputStream in = target.open(key)) {
      return Json.readManifest(in.readAllBytes());
    } catch (IOException e) {
      throw new BackupException(
          "cannot read manifest " + target.location(key) + ": " + e.getMessage(), e);
    }
  }

  /** Returns the manifests of the chain ending in {@code archive}, full backup first. */
  private List<BackupManifest> chain(String archive) {
    List<BackupManifest> chain = new ArrayList<>();
    Set<String> complete = new HashSet<>();
    list().forEach(b -> complete.add(b.archive()));
    String current = archive;
    while (true) {
      if (!complete.contains(current)) {
        throw new BackupException(
            "the backup chain of "
                + archive
                + " is broken: "
                + current
                + " is missing or incomplete; run a full backup");
      }
      BackupManifest m = readManifest(current);
      chain.add(m);
      if (m.type() == BackupType.FULL) {
        break;
      }
      if (chain.size() > 100_000 || m.base().isEmpty()) {
        throw new BackupException("the backup chain of " + archive + " is broken at " + current);
      }
      current = m.base().get();
    }
    Collections.reverse(chain);
    return chain;
  }

  /** Returns the tree a chain restores to: path to entry. */
  static Map<String, Entry> state(List<BackupManifest> chain) {
    Map<String, Entry> state = new LinkedHashMap<>();
    for (BackupManifest m : chain) {
      for (String gone : m.deleted()) {
        state.keySet().removeIf(p -> p.equals(gone) || p.startsWith(gone + "/"));
      }
      for (Entry e : m.files()) {
        state.put(e.path(), e);
      }
    }
    return state;
  }

  // ---------------------------------------------------------------- backup

  /** Takes a backup; an incremental without any earlier backup becomes a full one. */
  public BackupResult backup(BackupType requested, Instant now) {
    long start = System.nanoTime();
    SourceWalker walker = new SourceWalker(spec);
    walker.checkSources();
    List<BackupInfo> existing = list();
    Instant stamp = BackupNames.stamp(now);
    if (!existing.isEmpty() && !existing.get(existing.size() - 1).instant().isBefore(stamp)) {
      throw new BackupException(
          "backup "
              + existing.get(existing.size() - 1).archive()
              + " is not older than "
              + stamp
              + ": backups of one series need distinct seconds and a clock that moves forward");
    }
    BackupType type = requested;
    Map<String, Entry> state = Map.of();
    String base = "";
    String full = "";
    Instant racyAfter = Instant.MIN;
    if (type == BackupType.INCREMENTAL) {
      if (existing.isEmpty()) {
        LOG.info(
            "no earlier backup of {} in {}: taking a full backup", spec.name(), target.location());
        type = BackupType.FULL;
      } else {
        List<BackupManifest> chain = chain(existing.get(existing.size() - 1).archive());
        state = state(chain);
        BackupManifest last = chain.get(chain.size() - 1);
        base = last.archive();
        full = chain.get(0).archive();
        // A file changed in the same second the base backup read it can keep its size and mtime.
        racyAfter = last.createdInstant().minusSeconds(2);
      }
    }
    String archive = BackupNames.archive(spec.name(), type, stamp);
    if (type == BackupType.FULL) {
      full = archive;
    }
    return write(walker, type, archive, base, full, state, racyAfter, now, start);
  }

  private BackupResult write(
      SourceWalker walker,
      BackupType type,
      String archive,
      String base,
      String full,
      Map<String, Entry> state,
      Instant racyAfter,
      Instant now,
      long start) {
    String archiveKey = key(archive);
    String manifestKey = key(BackupNames.manifest(archive));
    String shaKey = key(BackupNames.sha256(archive));
    List<Path> staged = new ArrayList<>();
    boolean archiveStored = false;
    boolean manifestStored = false;
    try {
      if (target.exists(archiveKey) || target.exists(shaKey)) {
        throw new BackupException("backup " + target.location(archiveKey) + " already exists");
      }
      Path stagedArchive = target.stagingFile(archiveKey);
      staged.add(stagedArchive);
      List<Entry> entries = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      long[] counts = new long[3]; // files, bytes, unchanged
      String sha;
      long archiveBytes;
      byte[] json;
      try (OutputStream out = Files.newOutputStream(stagedArchive);
          ArchiveWriter writer =
              new ArchiveWriter(out, spec.compressionLevel(), spec.compressionThreads())) {
        walker.walk(
            e -> {
              seen.add(e.archivePath());
              Entry previous = state.get(e.archivePath());
              switch (e.type()) {
                case Entry.DIR -> {
                  writer.addDirectory(e);
                  entries.add(entry(e, ""));
                }
                case Entry.SYMLINK -> {
                  if (previous != null && sameLink(previous, e)) {
                    counts[2]++;
                  } else {
                    writer.addSymlink(e);
                    entries.add(entry(e, ""));
                  }
                }
                default -> {
                  if (previous != null && unchanged(previous, e, racyAfter)) {
                    counts[2]++;
                    return;
                  }
                  Optional<String> hash = writer.addFile(e);
                  if (hash.isEmpty()) {
                    seen.remove(e.archivePath());
                    return;
                  }
                  entries.add(entry(e, hash.get()));
                  counts[0]++;
                  counts[1] += e.size();
                }
              }
            });
        List<String> deleted = new ArrayList<>(new TreeSet<>(state.keySet()));
        deleted.removeAll(seen);
        deleted.removeIf(p -> deletedParent(p, deleted));
        BackupManifest manifest =
            new BackupManifest(
                BackupManifest.FORMAT,
                spec.name(),
                spec.environment(),
                type,
                archive,
                base,
                full,
                now.toString(),
                TOOL_VERSION,
                spec.sources().stream().map(Path::toString).toList(),
                entries,
                deleted);
        json = Json.write(manifest);
        writer.addBytes(BackupManifest.ENTRY_NAME, json, FileTime.from(now));
        writer.finish();
        sha = writer.sha256();
        archiveBytes = writer.archiveBytes();
        Path stagedManifest = target.stagingFile(manifestKey);
        staged.add(stagedManifest);
        Files.write(stagedManifest, json);
        Path stagedSha = target.stagingFile(shaKey);
        staged.add(stagedSha);
        Files.writeString(stagedSha, Hashing.sumLine(sha, archive), StandardCharsets.US_ASCII);
        // Commit order: archive, manifest, then the .sha256 marker that makes the backup complete.
        target.store(stagedArchive, archiveKey);
        archiveStored = true;
        target.store(stagedManifest, manifestKey);
        manifestStored = true;
        target.store(stagedSha, shaKey);
        LOG.info(
            "backup {} stored in {} ({} files, {} bytes)",
            archive,
            target.location(archiveKey),
            counts[0],
            counts[1]);
        return new BackupResult(
            spec.name(),
            spec.environment(),
            type,
            archive,
            target.location(archiveKey),
            counts[0],
            counts[1],
            archiveBytes,
            sha,
            since(start),
            now.toString(),
            base,
            counts[2],
            deleted.size(),
            walker.skipped());
      }
    } catch (IOException e) {
      throw rollback(
          new BackupException(
              "backup " + archive + " to " + target.location() + " failed: " + e.getMessage(), e),
          archiveStored,
          manifestStored,
          archiveKey,
          manifestKey);
    } catch (RuntimeException e) {
      throw rollback(e, archiveStored, manifestStored, archiveKey, manifestKey);
    } finally {
      for (Path p : staged) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("could not delete staging file {}: {}", p, e.getMessage());
        }
      }
    }
  }

  private static boolean deletedParent(String path, List<String> deleted) {
    for (String ancestor : SafePaths.ancestors(path)) {
      if (Collections.binarySearch(deleted, ancestor) >= 0) {
        return true;
      }
    }
    return false;
  }

  private RuntimeException rollback(
      RuntimeException failure,
      boolean archiveStored,
      boolean manifestStored,
      String archiveKey,
      String manifestKey) {
    // Without its .sha256 a backup never counts as complete; removing the rest is tidiness.
    try {
      if (manifestStored) {
        target.delete(manifestKey);
      }
      if (archiveStored) {
        target.delete(archiveKey);
      }
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }

  private static Entry entry(SourceEntry e, String sha256) {
    return new Entry(
        e.archivePath(),
        e.type(),
        Entry.FILE.equals(e.type()) ? e.size() : 0,
        e.mtime().toInstant().toString(),
        String.format("%04o", e.mode()),
        sha256,
        e.linkTarget());
  }

  private static boolean sameLink(Entry previous, SourceEntry e) {
    return Entry.SYMLINK.equals(previous.type())
        && previous.linkTarget().equals(e.linkTarget())
        && previous.mtime().equals(e.mtime().toInstant().toString())
        && previous.permissions() == e.mode();
  }

  private static boolean unchanged(Entry previous, SourceEntry e, Instant racyAfter)
      throws IOException {
    if (!Entry.FILE.equals(previous.type())
        || previous.size() != e.size()
        || previous.permissions() != e.mode()
        || !previous.mtime().equals(e.mtime().toInstant().toString())) {
      return false;
    }
    if (e.mtime().toInstant().isAfter(racyAfter)) {
      return previous.sha256().equals(Hashing.sha256(e.file()));
    }
    return true;
  }

  // ---------------------------------------------------------------- verify

  /** Verifies one archive ({@code latest} for the newest). */
  public VerifyResult verify(String archive) {
    BackupInfo info = resolve(archive);
    return verifyStream(info.archive(), null).result();
  }

  private Verifier.Outcome verifyStream(String archive, Path localCopy) {
    Optional<String> expected = readSha(archive);
    Optional<BackupManifest> sidecar;
    try {
      sidecar = Optional.of(readManifest(archive));
    } catch (BackupException e) {
      sidecar = Optional.empty();
    }
    Verifier verifier = new Verifier(archive, true, allowExternalLinks);
    try (InputStream in =
        localCopy != null ? Files.newInputStream(localCopy) : target.open(key(archive))) {
      return verifier.verify(in, expected, sidecar);
    } catch (IOException e) {
      throw new BackupException(
          "cannot read backup " + target.location(key(archive)) + ": " + e.getMessage(), e);
    }
  }

  private Optional<String> readSha(String archive) {
    String key = key(BackupNames.sha256(archive));
    try (InputStream in = target.open(key)) {
      return Optional.of(
          Hashing.parseSumFile(new String(in.readAllBytes(), StandardCharsets.US_ASCII), archive));
    } catch (BackupException | IllegalArgumentException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new BackupException("cannot read " + target.location(key) + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- restore

  /** Restores {@code archive} (with the chain it builds on) into {@code into}. */
  public RestoreResult restore(String archive, Path into, boolean overwrite) {
    long start = System.nanoTime();
    BackupInfo info = resolve(archive);
    List<BackupManifest> chain = chain(info.archive());
    prepareDestination(into, overwrite);
    List<Path> downloads = new ArrayList<>();
    try {
      List<Path> files = new ArrayList<>();
      List<Optional<BackupManifest>> manifests = new ArrayList<>();
      for (BackupManifest m : chain) {
        Path local = fetch(m.archive(), downloads);
        if (testExtractBeforeRestore) {
          Verifier.Outcome outcome = verifyStream(m.archive(), local);
          if (!outcome.result().valid()) {
            throw new BackupVerificationException(outcome.result());
          }
          manifests.add(outcome.manifest());
        } else {
          checkSha(m.archive(), local);
          manifests.add(Optional.of(m));
        }
        files.add(local);
      }
      Extractor extractor = new Extractor(into, allowExternalLinks);
      List<String> applied = new ArrayList<>();
      for (int i = 0; i < chain.size(); i++) {
        BackupManifest m = chain.get(i);
        extractor.startArchive(m.archive(), manifests.get(i));
        for (String gone : m.deleted()) {
          extractor.delete(gone);
        }
        extractInto(extractor, files.get(i), m.archive());
        extractor.endArchive();
        applied.add(m.archive());
      }
      extractor.finish();
      LOG.info("restored {} into {} ({} files)", info.archive(), into, extractor.files());
      return new RestoreResult(
          info.archive(),
          applied,
          into.toAbsolutePath().toString(),
          extractor.files(),
          extractor.bytes(),
          extractor.deleted(),
          since(start));
    } catch (IOException e) {
      throw new BackupException(
          "restore of " + info.archive() + " into " + into + " failed: " + e.getMessage(), e);
    } finally {
      for (Path p : downloads) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("could not delete download {}: {}", p, e.getMessage());
        }
      }
    }
  }

  /** Checks the archive against its .sha256 before anything is extracted. */
  private void checkSha(String archive, Path local) throws IOException {
    long start = System.nanoTime();
    Optional<String> expected = readSha(archive);
    String actual = Hashing.sha256(local);
    if (expected.isEmpty() || !expected.get().equals(actual)) {
      String problem =
          expected.isEmpty()
              ? "backup " + archive + " has no readable .sha256 file"
              : "backup "
                  + archive
                  + " has sha256 "
                  + actual
                  + " but its .sha256 file says "
                  + expected.get();
      throw new BackupVerificationException(
          new VerifyResult(archive, false, false, 0, 0, 0, actual, since(start), List.of(problem)));
    }
  }

  private Path fetch(String archive, List<Path> downloads) throws IOException {
    Optional<Path> local = target.localFile(key(archive));
    if (local.isPresent()) {
      return local.get();
    }
    Files.createDirectories(workDirectory);
    Path temp = Files.createTempFile(workDirectory, ".ffe-download-", ".tar.gz");
    downloads.add(temp);
    try (InputStream in = target.open(key(archive));
        OutputStream out = Files.newOutputStream(temp)) {
      in.transferTo(out);
    }
    return temp;
  }

  private static void extractInto(Extractor extractor, Path file, String archive)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      new ArchiveScanner(in).scan(extractor::entry);
    } catch (SafePaths.UnsafeEntryException e) {
      throw new BackupException(
          "backup " + archive + ": " + e.getMessage() + "; refusing to restore it", e);
    }
  }

  private static void prepareDestination(Path into, boolean overwrite) {
    try {
      if (Files.exists(into, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isDirectory(into)) {
          throw new BackupException(
              "restore target " + into + " is not a directory: choose a directory");
        }
        if (!overwrite) {
          try (DirectoryStream<Path> s = Files.newDirectoryStream(into)) {
            if (s.iterator().hasNext()) {
              throw new BackupException(
                  "restore target "
                      + into
                      + " is not empty: choose an empty directory or allow overwriting");
            }
          }
        }
      } else {
        Files.createDirectories(into);
      }
    } catch (IOException e) {
      throw new BackupException("cannot prepare restore target " + into + ": " + e.getMessage(), e);
    }
  }

  /**
   * Restores an archive made by any tool (GNU tar included), verifying its {@code .sha256} if one
   * is beside it.
   */
  public static RestoreResult extract(
      Path archiveFile, Path into, boolean overwrite, boolean allowExternalLinks) {
    long start = System.nanoTime();
    String name = archiveFile.getFileName().toString();
    if (!Files.isRegularFile(archiveFile)) {
      throw new BackupException("archive " + archiveFile + " does not exist");
    }
    Path shaFile = archiveFile.resolveSibling(name + BackupNames.SHA256_SUFFIX);
    try {
      Optional<String> expected =
          Files.exists(shaFile)
              ? Optional.of(
                  Hashing.parseSumFile(Files.readString(shaFile, StandardCharsets.US_ASCII), name))
              : Optional.empty();
      Verifier.Outcome outcome;
      try (InputStream in = Files.newInputStream(archiveFile)) {
        outcome =
            new Verifier(name, false, allowExternalLinks).verify(in, expected, Optional.empty());
      }
      if (!outcome.result().valid()) {
        throw new BackupVerificationException(outcome.result());
      }
      prepareDestination(into, overwrite);
      Extractor extractor = new Extractor(into, allowExternalLinks);
      extractor.startArchive(name, outcome.manifest());
      extractInto(extractor, archiveFile, name);
      extractor.finish();
      return new RestoreResult(
          name,
          List.of(name),
          into.toAbsolutePath().toString(),
          extractor.files(),
          extractor.bytes(),
          0,
          since(start));
    } catch (IOException e) {
      throw new BackupException(
          "restore of " + archiveFile + " into " + into + " failed: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new BackupException(
          "checksum file " + shaFile + " is not in sha256sum format: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- cleanup

  /** Applies the retention policy; in a dry run only reports. */
  public CleanupResult cleanup(boolean dryRun, Instant now) {
    long start = System.nanoTime();
    Map<String, Long> files = listFiles();
    Map<String, List<String>> groups = new TreeMap<>();
    for (String file : files.keySet()) {
      String archive = archiveOf(file);
      if (BackupNames.parse(archive, spec.name()).isPresent()) {
        groups.computeIfAbsent(archive, k -> new ArrayList<>()).add(file);
      }
    }
    List<BackupNames.Parsed> complete = new ArrayList<>();
    List<BackupNames.Parsed> incomplete = new ArrayList<>();
    for (Map.Entry<String, List<String>> g : groups.entrySet()) {
      BackupNames.Parsed p = BackupNames.parse(g.getKey(), spec.name()).orElseThrow();
      boolean done =
          g.getValue().contains(g.getKey())
              && g.getValue().contains(BackupNames.sha256(g.getKey()));
      (done ? complete : incomplete).add(p);
    }
    complete.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
    Set<String> keep = new HashSet<>();
    for (BackupNames.Parsed p : complete) {
      if (!expired(p, now)) {
        keep.add(p.archive());
      }
    }
    List<BackupNames.Parsed> fulls =
        complete.stream().filter(p -> p.type() == BackupType.FULL).toList();
    for (int i = Math.max(0, fulls.size() - retention.keepLatestFulls()); i < fulls.size(); i++) {
      keep.add(fulls.get(i).archive());
    }
    Set<String> keptForChain = new TreeSet<>();
    Map<String, String> baseOf = new HashMap<>();
    for (BackupNames.Parsed p : List.copyOf(complete)) {
      if (p.type() != BackupType.INCREMENTAL || !keep.contains(p.archive())) {
        continue;
      }
      String current = p.archive();
      while (true) {
        String base;
        try {
          base = baseOf.computeIfAbsent(current, a -> readManifest(a).baseBackup());
        } catch (BackupException e) {
          // Unknown dependencies: keep everything older, never risk a kept chain.
          LOG.warn(
              "cannot read the manifest of {}: keeping every older backup ({})",
              current,
              e.getMessage());
          BackupNames.Parsed cp = BackupNames.parse(current).orElseThrow();
          for (BackupNames.Parsed older : complete) {
            if (older.timestamp().isBefore(cp.timestamp()) && keep.add(older.archive())) {
              keptForChain.add(older.archive());
            }
          }
          break;
        }
        if (base.isEmpty()) {
          break;
        }
        if (keep.add(base)) {
          keptForChain.add(base); // expired, but a kept incremental needs it
        }
        current = base;
      }
    }
    List<String> deleted = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    long freed = 0;
    List<BackupNames.Parsed> candidates = new ArrayList<>(complete);
    for (BackupNames.Parsed p : incomplete) {
      if (expired(p, now)) {
        candidates.add(p);
      }
    }
    candidates.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
    for (BackupNames.Parsed p : candidates) {
      if (keep.contains(p.archive())) {
        kept.add(p.archive());
        continue;
      }
      deleted.add(p.archive());
      for (String f : groups.get(p.archive())) {
        freed += files.getOrDefault(f, 0L);
      }
      if (!dryRun) {
        deleteBackup(p.archive(), groups.get(p.archive()));
      }
    }
    keptForChain.retainAll(kept);
    return new CleanupResult(
        spec.name(),
        spec.environment(),
        dryRun,
        deleted,
        kept,
        List.copyOf(keptForChain),
        freed,
        since(start));
  }

  private boolean expired(BackupNames.Parsed p, Instant now) {
    return p.timestamp().plus(retention.maxAge(p.type())).isBefore(now);
  }

  private static String archiveOf(String file) {
    if (file.endsWith(BackupNames.SHA256_SUFFIX)) {
      return file.substring(0, file.length() - BackupNames.SHA256_SUFFIX.length());
    }
    if (file.endsWith(BackupNames.MANIFEST_SUFFIX)) {
      return file.substring(0, file.length() - BackupNames.MANIFEST_SUFFIX.length())
          + BackupNames.ARCHIVE_SUFFIX;
    }
    return file;
  }

  private void deleteBackup(String archive, List<String> present) {
    // Un-commit first: once the .sha256 is gone the rest is never mistaken for a backup.
    List<String> order =
        List.of(BackupNames.sha256(archive), BackupNames.manifest(archive), archive);
    for (String f : order) {
      if (present.contains(f)) {
        try {
          target.delete(key(f));
        } catch (IOException e) {
          throw new BackupException(
              "cannot delete " + target.location(key(f)) + ": " + e.getMessage(), e);
        }
      }
    }
    LOG.info("deleted expired backup {} from {}", archive, target.location());
  }

  // ---------------------------------------------------------------- test recovery

  /** Restores into a temporary directory, checks critical files, and cleans up. */
  public TestRecoveryResult testRecovery(String archive, List<String> criticalFiles) {
    long start = System.nanoTime();
    BackupInfo info = resolve(archive);
    Path temp;
    try {
      Files.createDirectories(workDirectory);
      temp = Files.createTempDirectory(workDirectory, "ffe-test-recovery-");
    } catch (IOException e) {
      throw new BackupException(
          "cannot create a test-recovery directory in " + workDirectory + ": " + e.getMessage(), e);
    }
    try {
      RestoreResult restored = restore(info.archive(), temp, true);
      Map<String, Entry> state = state(chain(info.archive()));
      List<String> critical = new ArrayList<>();
      if (criticalFiles.isEmpty()) {
        state.values().stream()
            .filter(e -> Entry.FILE.equals(e.type()))
            .forEach(e -> critical.add(e.path()));
      } else {
        critical.addAll(criticalFiles);
      }
      List<String> missing = new ArrayList<>();
      List<String> mismatched = new ArrayList<>();
      for (String c : critical) {
        Optional<String> clean;
        try {
          clean = SafePaths.clean(c);
        } catch (SafePaths.UnsafeEntryException e) {
          missing.add(c);
          continue;
        }
        if (clean.isEmpty()) {
          continue;
        }
        Path p = temp.resolve(clean.get());
        Entry want = state.get(clean.get());
        if (want == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          missing.add(c);
        } else if (Entry.FILE.equals(want.type()) && !want.sha256().equals(Hashing.sha256(p))) {
          mismatched.add(c);
        }
      }
      return new TestRecoveryResult(
          info.archive(),
          missing.isEmpty() && mismatched.isEmpty(),
          restored.files(),
          restored.bytes(),
          critical.size(),
          missing,
          mismatched,
          since(start));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Extractor.deleteTree(temp);
      } catch (IOException e) {
        LOG.warn("could not remove test-recovery directory {}: {}", temp, e.getMessage());
      }
    }
  }
}
