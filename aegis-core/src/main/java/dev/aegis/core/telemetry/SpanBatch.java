package dev.aegis.core.telemetry;

import java.util.List;

/** The spans of one export request, all of one tenant. Several batches are written in one transaction. */
public record SpanBatch(String tenantId, List<SpanRecord> records) {
  public SpanBatch {
    records = List.copyOf(records);
    for (SpanRecord record : records) {
      if (!record.span().tenantId().equals(tenantId)) {
        throw new IllegalArgumentException("a batch holds the spans of one tenant");
      }
    }
  }

  public int size() {
    return records.size();
  }
}
