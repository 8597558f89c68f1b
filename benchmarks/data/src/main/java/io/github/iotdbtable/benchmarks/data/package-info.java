/**
 * The rows both clients' benchmark drivers write, generated the same way on both sides,
 * and the meter that reads the CPU time and allocation of the threads doing the work.
 */
package io.github.iotdbtable.benchmarks.data;
