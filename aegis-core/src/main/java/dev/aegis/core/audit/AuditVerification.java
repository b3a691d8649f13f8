package dev.aegis.core.audit;

/**
 * What recomputing a tenant's chain found.
 *
 * @param ok whether every entry and the head check out
 * @param entriesChecked how many entries were checked, the first broken one included
 * @param head the stored head, or null when the tenant has none (no entries yet)
 * @param firstBroken the first entry that does not check out, or null when {@code ok}
 */
public record AuditVerification(boolean ok, long entriesChecked, AuditHead head, Broken firstBroken) {
  /**
   * The first place the chain breaks.
   *
   * @param sequence the entry's sequence; for entries missing from the end, the first missing one
   * @param entryId the entry's id, or null when the entry is missing
   * @param problem what is wrong
   * @param detail the same, in words, with the numbers
   */
  public record Broken(long sequence, String entryId, Problem problem, String detail) {}

  /** Why an entry does not check out. */
  public enum Problem {
    /** The entry's content does not give its stored hash: a field was changed (or the hash). */
    HASH_MISMATCH("hash_mismatch"),
    /** The entry's sequence does not follow the one before: entries before it were removed. */
    SEQUENCE_GAP("sequence_gap"),
    /** The entry's previous hash is not the hash of the entry before it. */
    PREVIOUS_HASH_MISMATCH("previous_hash_mismatch"),
    /** The chain does not end where the head says: entries were removed from the end, or the head was forged. */
    HEAD_MISMATCH("head_mismatch");

    private final String wireName;

    Problem(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }
}
