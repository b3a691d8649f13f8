/**
 * The trace-first query over stored telemetry: a run's spans assembled into a tree annotated with tool calls,
 * prompt snapshots and control events ({@link dev.aegis.core.trace.SpanTree}), the same as one chronological
 * list ({@link dev.aegis.core.trace.Timeline}), and a run's place among its ancestors
 * ({@link dev.aegis.core.trace.Lineage}). Pure: the caller reads the store, these only arrange what was read.
 */
package dev.aegis.core.trace;
