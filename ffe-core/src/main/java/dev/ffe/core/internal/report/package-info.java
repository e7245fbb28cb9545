/**
 * The run report's HTML, timeline and graph rendering. Not API: anything here may change without
 * notice; use {@code dev.ffe.core.RunReport} instead.
 */
package dev.ffe.core.internal.report;
