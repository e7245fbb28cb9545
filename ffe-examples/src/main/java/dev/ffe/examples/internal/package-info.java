/** Implementation of the examples module and its CLI; not API, may change without notice. */
package dev.ffe.examples.internal;
