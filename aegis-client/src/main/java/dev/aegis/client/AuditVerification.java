package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the server found when it recomputed a tenant's audit chain.
 *
 * @param ok whether every entry and the head check out
 * @param entriesChecked how many entries were checked, the first broken one included
 * @param head where the chain ends, or null when it has no entries; keep it to compare with later answers
 * @param firstBroken the first entry that does not check out, or null when {@code ok}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditVerification(String tenantId, boolean ok, long entriesChecked, Head head, Broken firstBroken) {
  /** The last entry's sequence and hash. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Head(long sequence, String hash) {}

  /**
   * Where the chain breaks.
   *
   * @param entryId null when the entry is missing (removed from the end)
   * @param problem {@code hash_mismatch}, {@code sequence_gap}, {@code previous_hash_mismatch} or
   *     {@code head_mismatch}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Broken(long sequence, String entryId, String problem, String detail) {}
}
