package dev.aegis.client;

/**
 * How {@link Policies#apply} stores a document: with a comment for the history, and optionally only if the policy
 * is still at the version the caller read (so that two people editing at once do not overwrite each other).
 *
 * <pre>{@code
 * ApplyOptions.none().withComment("lower the size threshold").ifVersion(3)
 * }</pre>
 *
 * @param comment up to 1000 characters, or null
 * @param expectedVersion the version that must still be the latest ({@code If-Match}); 0 for "only if the policy
 *     does not exist yet" ({@code If-None-Match: *}); null to store whatever is there
 */
public record ApplyOptions(String comment, Integer expectedVersion) {
  public ApplyOptions {
    if (expectedVersion != null && expectedVersion < 0) {
      throw new IllegalArgumentException("the expected version is 0 (none yet) or more, was " + expectedVersion);
    }
  }

  /** No comment, no precondition. */
  public static ApplyOptions none() {
    return new ApplyOptions(null, null);
  }

  public ApplyOptions withComment(String text) {
    return new ApplyOptions(text, expectedVersion);
  }

  /** Store only while {@code version} is the latest; a 412 otherwise. */
  public ApplyOptions ifVersion(int version) {
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1, was " + version);
    }
    return new ApplyOptions(comment, version);
  }

  /** Store only if the policy does not exist yet; a 412 otherwise. */
  public ApplyOptions onlyIfNew() {
    return new ApplyOptions(comment, 0);
  }
}
