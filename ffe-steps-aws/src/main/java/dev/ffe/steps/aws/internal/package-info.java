/**
 * Implementation of {@code dev.ffe.steps.aws}: archive writing and reading, safe extraction, S3
 * transfers. Not API: may change without notice.
 */
package dev.ffe.steps.aws.internal;
