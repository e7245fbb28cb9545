/**
 * The engine's implementation. Not API: anything here may change without notice; use {@code
 * dev.ffe.core} instead.
 */
package dev.ffe.core.internal;
