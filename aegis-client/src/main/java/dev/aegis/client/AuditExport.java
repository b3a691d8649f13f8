package dev.aegis.client;

/**
 * What {@link Audit#export} wrote.
 *
 * @param entries how many entries (lines)
 * @param lastSequence the sequence of the last entry written, or null when none was
 * @param headSequence the head the server said the export goes up to; null when the log is empty
 * @param headHash that head's hash, or null
 */
public record AuditExport(long entries, Long lastSequence, Long headSequence, String headHash) {
  /**
   * Whether the export ends at the head the server named. When it does not, entries were removed from the end of
   * the log (see {@link Audit#verify()}), or the answer was cut short.
   */
  public boolean reachesHead() {
    return headSequence == null ? lastSequence == null : headSequence.equals(lastSequence);
  }
}
