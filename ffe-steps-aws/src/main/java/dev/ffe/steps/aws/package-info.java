/**
 * Backups for FFE workflows: full and incremental {@code tar.gz} archives with a JSON manifest and
 * a {@code sha256sum} checksum, verification, local-directory and S3 targets, retention cleanup,
 * safe restore and test recovery.
 *
 * <p>Start with {@link dev.ffe.steps.aws.Backups}; wrap its operations as workflow steps with
 * {@link dev.ffe.steps.aws.BackupSteps}. The archive layout and the rules that keep backups safe
 * are described in {@code docs/ffe-steps-aws.md}.
 */
package dev.ffe.steps.aws;
