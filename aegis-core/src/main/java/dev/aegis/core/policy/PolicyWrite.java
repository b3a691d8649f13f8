package dev.aegis.core.policy;

/** What became of a change asked of the {@link PolicyStore}: outcomes are values, not exceptions. */
public sealed interface PolicyWrite {
  /** A new version was stored. */
  record Written(PolicyVersion version) implements PolicyWrite {}

  /**
   * Nothing was stored, because the latest version already has this document (a repeated PUT, or a rollback to
   * the document in force); {@code current} is that version.
   */
  record Unchanged(PolicyVersion current) implements PolicyWrite {}

  /**
   * Nothing was stored, because the caller expected another latest version: someone changed the policy meanwhile.
   *
   * @param expectedVersion the version the caller said it last saw (0 for "none")
   * @param latestVersion the latest version stored, tombstones included (0 when the policy never existed)
   */
  record Conflict(int expectedVersion, int latestVersion) implements PolicyWrite {}

  /**
   * Nothing was stored, because what the change refers to does not exist: the policy (for a deletion), or the
   * version to roll back to (absent, or itself a deletion).
   *
   * @param policyId the policy asked for
   * @param version the version asked for, or null when the policy itself was missing
   */
  record Missing(String policyId, Integer version) implements PolicyWrite {}
}
