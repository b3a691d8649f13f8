package dev.aegis.server.policy;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.DecisionQuery;
import dev.aegis.core.policy.DecisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The decision log as this server's readers see it: each read first waits (briefly) for the decisions this server
 * has already answered to be written, so that a decision is never missing from a list made after its answer.
 */
final class FlushingDecisionLog implements DecisionLog {
  private static final long FLUSH_TIMEOUT_MILLIS = 5_000;

  private final DecisionLog log;
  private final DecisionLogWriter writer;

  FlushingDecisionLog(DecisionLog log, DecisionLogWriter writer) {
    this.log = log;
    this.writer = writer;
  }

  private void flush() {
    try {
      writer.flush(FLUSH_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int append(List<DecisionRecord> decisions) {
    return log.append(decisions);
  }

  @Override
  public Optional<DecisionRecord> find(String tenantId, String decisionId) {
    flush();
    return log.find(tenantId, decisionId);
  }

  @Override
  public Page<DecisionRecord> query(String tenantId, DecisionQuery query, PageRequest page) {
    flush();
    return log.query(tenantId, query, page);
  }

  @Override
  public List<DecisionRecord> byRun(String tenantId, String runId, int limit) {
    flush();
    return log.byRun(tenantId, runId, limit);
  }

  @Override
  public int inputsSince(String tenantId, Instant since, int limit, Consumer<DecisionRecord> consumer) {
    flush();
    return log.inputsSince(tenantId, since, limit, consumer);
  }

  @Override
  public int purgeOlderThan(String tenantId, Instant cutoff) {
    return log.purgeOlderThan(tenantId, cutoff);
  }
}
