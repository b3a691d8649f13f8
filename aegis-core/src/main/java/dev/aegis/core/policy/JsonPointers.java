package dev.aegis.core.policy;

/** RFC 6901 JSON pointers. */
public final class JsonPointers {
  private JsonPointers() {}

  /** The pointer to a member of the node at {@code base}: {@code ~} and {@code /} in the name are escaped. */
  public static String child(String base, String name) {
    return base + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /** The pointer to an array element of the node at {@code base}. */
  public static String child(String base, int index) {
    return base + "/" + index;
  }
}
