/**
 * Running the node's background work on the executors the container gives it, within the bounds the
 * operator configures. Pure Java: the container's executor is passed in.
 */
package dev.cachet.tasks;
