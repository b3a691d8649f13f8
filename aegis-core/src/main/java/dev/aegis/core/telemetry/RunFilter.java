package dev.aegis.core.telemetry;

import java.time.Instant;

/**
 * Which runs to list; every field is optional (null means any), and set fields must all match.
 *
 * @param agentId runs of this agent
 * @param taskType runs of this task type
 * @param status runs with this status
 * @param startedFrom runs that started at or after this time
 * @param startedBefore runs that started before this time
 * @param hasError true: runs with at least one failed span; false: runs without
 * @param model runs that used this model
 */
public record RunFilter(
    String agentId,
    String taskType,
    RunStatus status,
    Instant startedFrom,
    Instant startedBefore,
    Boolean hasError,
    String model) {
  public static final RunFilter ALL = new RunFilter(null, null, null, null, null, null, null);

  public RunFilter withAgent(String agent) {
    return new RunFilter(agent, taskType, status, startedFrom, startedBefore, hasError, model);
  }

  public RunFilter withTaskType(String type) {
    return new RunFilter(agentId, type, status, startedFrom, startedBefore, hasError, model);
  }

  public RunFilter withStatus(RunStatus wanted) {
    return new RunFilter(agentId, taskType, wanted, startedFrom, startedBefore, hasError, model);
  }

  public RunFilter withStarted(Instant from, Instant before) {
    return new RunFilter(agentId, taskType, status, from, before, hasError, model);
  }

  public RunFilter withHasError(Boolean error) {
    return new RunFilter(agentId, taskType, status, startedFrom, startedBefore, error, model);
  }

  public RunFilter withModel(String name) {
    return new RunFilter(agentId, taskType, status, startedFrom, startedBefore, hasError, name);
  }
}
