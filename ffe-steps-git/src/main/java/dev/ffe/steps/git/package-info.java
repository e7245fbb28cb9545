/**
 * Release automation from Conventional Commits: analyzes the commits since the last release tag,
 * computes the next semantic version, writes the changelog and creates the annotated tag, as plain
 * Java ({@link dev.ffe.steps.git.ReleaseAnalyzer}, {@link dev.ffe.steps.git.Changelog}, {@link
 * dev.ffe.steps.git.ReleaseTagger}) and as workflow steps ({@link dev.ffe.steps.git.ReleaseSteps}).
 */
package dev.ffe.steps.git;
