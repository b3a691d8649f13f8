package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The structural difference between two policy documents, computed on their canonical forms: one change per
 * member or list element that was added, removed or changed, in pointer order. Lists are compared by position.
 */
public final class PolicyDiff {
  /**
   * One change.
   *
   * @param pointer where, as a JSON pointer into either document
   * @param before the value before, or null when it was added
   * @param after the value after, or null when it was removed
   */
  public record Change(String pointer, JsonNode before, JsonNode after) {
    /** added, removed or changed. */
    public String kind() {
      return before == null ? "added" : after == null ? "removed" : "changed";
    }
  }

  private PolicyDiff() {}

  /** What changed from {@code before} to {@code after}; empty when they mean the same. */
  public static List<Change> between(PolicyDocument before, PolicyDocument after) {
    List<Change> changes = new ArrayList<>();
    diff("", PolicyJson.toTree(before), PolicyJson.toTree(after), changes);
    return changes;
  }

  private static void diff(String at, JsonNode a, JsonNode b, List<Change> out) {
    if (a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.properties().forEach(e -> names.add(e.getKey()));
      b.properties().forEach(e -> names.add(e.getKey()));
      for (String name : names) {
        JsonNode x = a.get(name);
        JsonNode y = b.get(name);
        String p = JsonPointers.child(at, name);
        if (x == null) {
          out.add(new Change(p, null, y));
        } else if (y == null) {
          out.add(new Change(p, x, null));
        } else {
          diff(p, x, y, out);
        }
      }
    } else if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        String p = JsonPointers.child(at, i);
        if (i >= a.size()) {
          out.add(new Change(p, null, b.get(i)));
        } else if (i >= b.size()) {
          out.add(new Change(p, a.get(i), null));
        } else {
          diff(p, a.get(i), b.get(i), out);
        }
      }
    } else {
      out.add(new Change(at, a, b));
    }
  }
}
