/** Implementation of the git release steps: not API, may change without notice. */
package dev.ffe.steps.git.internal;
