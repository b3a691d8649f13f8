package dev.aegis.core.policy;

import java.util.Locale;
import java.util.Optional;

/** What a policy version did to its policy: every change is a new version, so history says how it came about. */
public enum PolicyChange {
  /** The first version, or the first after a deletion. */
  CREATE,
  /** A new document for a policy that exists. */
  UPDATE,
  /** A new version that copies the document of an older one. */
  ROLLBACK,
  /** A tombstone: the policy stops applying; its history stays. */
  DELETE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PolicyChange> fromWire(String name) {
    for (PolicyChange change : values()) {
      if (change.wireName().equals(name)) {
        return Optional.of(change);
      }
    }
    return Optional.empty();
  }
}
