package dev.aegis.core.policy;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores policies as append-only histories of immutable versions, per tenant and policy id. Documents are opaque
 * canonical JSON text here; parsing and validating them is the caller's job. Every change bumps the tenant's
 * {@linkplain #revision revision} in the same transaction, so that servers sharing one database can tell cheaply
 * when to recompile.
 */
public interface PolicyStore {
  /**
   * Stores {@code document} as the policy's next version ({@link PolicyChange#CREATE} when the policy has no live
   * version, {@link PolicyChange#UPDATE} otherwise), unless the live version already has the same digest: then
   * {@link PolicyWrite.Unchanged}, even when {@code expectedVersion} is stale, so that a retried PUT is harmless.
   *
   * @param document the canonical JSON text; its digest is computed here
   * @param source the text as submitted
   * @param format the format of {@code source}
   * @param actor who asks (an API key id)
   * @param comment why, or null
   * @param expectedVersion the latest version number the caller saw (0 for a policy it believes new), or null to
   *     skip the check; a mismatch is {@link PolicyWrite.Conflict}
   * @param at when the change is made
   * @throws IllegalArgumentException when an argument is missing or blank, or {@code expectedVersion} is negative
   */
  PolicyWrite apply(String tenantId, String policyId, String document, String source, PolicyVersion.Format format,
      String actor, String comment, Integer expectedVersion, Instant at);

  /**
   * Stores a new version that copies the document of version {@code toVersion} ({@link PolicyChange#ROLLBACK});
   * this also restores a deleted policy. {@link PolicyWrite.Missing} when that version does not exist or is a
   * tombstone; {@link PolicyWrite.Unchanged} when the live version already has that document.
   */
  PolicyWrite rollback(String tenantId, String policyId, int toVersion, String actor, String comment, Instant at);

  /**
   * Stores a tombstone version: the policy stops being current, its history stays. {@link PolicyWrite.Missing}
   * when the policy has no live version.
   */
  PolicyWrite delete(String tenantId, String policyId, String actor, Instant at);

  /** The policy's latest version, unless that is a tombstone or there is none. */
  Optional<PolicyVersion> current(String tenantId, String policyId);

  /** Version {@code version} of the policy, tombstones included. */
  Optional<PolicyVersion> version(String tenantId, String policyId, int version);

  /** A tenant's live policies (current versions, no tombstones) in policy id order; {@code afterId} is a policy id. */
  Page<PolicyVersion> list(String tenantId, PageRequest page);

  /**
   * A policy's versions, newest first, tombstones included; {@code afterId} is a version number as text.
   *
   * @throws IllegalArgumentException when {@code afterId} is not a version number
   */
  Page<PolicyVersion> history(String tenantId, String policyId, PageRequest page);

  /** Every live policy of the tenant, in policy id order, read in one query: what the engine compiles. */
  List<PolicyVersion> allCurrent(String tenantId);

  /**
   * A number that grows with every change to the tenant's policies (0 before the first). Equal revisions mean
   * equal policy sets.
   */
  long revision(String tenantId);

  /** Every tenant's revision that is above 0, in one query: one poll tells a server which tenants changed. */
  Map<String, Long> revisions();
}
