package dev.ffe.steps.aws.internal;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * One thing found under a source: its path in the archive, where it is on disk, and the metadata
 * stored with it.
 *
 * @param archivePath relative, {@code /}-separated path in the archive
 * @param file where it is on disk
 * @param type {@code file}, {@code dir} or {@code symlink}
 * @param size content size (files only)
 * @param mtime modification time
 * @param mode permission bits (07777)
 * @param uid numeric owner
 * @param gid numeric group
 * @param linkTarget symlink target (links only, else empty)
 */
public record SourceEntry(
    String archivePath,
    Path file,
    String type,
    long size,
    FileTime mtime,
    int mode,
    int uid,
    int gid,
    String linkTarget) {}
