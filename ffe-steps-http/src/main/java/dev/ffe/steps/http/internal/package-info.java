/** Implementation of {@code dev.ffe.steps.http}: not API, may change without notice. */
package dev.ffe.steps.http.internal;
