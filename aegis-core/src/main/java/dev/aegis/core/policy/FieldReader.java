package dev.aegis.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads typed values out of a JSON tree, collecting every problem with its pointer instead of stopping. */
class FieldReader {
  final List<PolicyError> errors = new ArrayList<>();

  void error(String pointer, String message) {
    errors.add(new PolicyError(pointer, message));
  }

  /** Reports each member of the object that is not in {@code known}, suggesting the nearest known name. */
  void unknownFields(JsonNode object, String pointer, List<String> known, String where) {
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      String name = member.getKey();
      if (!known.contains(name)) {
        if (pointer.isEmpty() && name.equals("ladders")) {
          error("/ladders", "approval ladders are not supported yet; approval_thresholds and rules with effect "
              + "require_approval say when approval is needed");
          continue;
        }
        error(JsonPointers.child(pointer, name), "unknown field '" + name + "' in " + where + didYouMean(name, known)
            + " Known fields: " + String.join(", ", known) + ".");
      }
    }
  }

  /** The text of a string node, or null with an error when it is another type. */
  String string(JsonNode node, String pointer, String what) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      error(pointer, what + " must be a string, not " + typeName(node));
      return null;
    }
    return node.textValue();
  }

  /** Whether the node is an object; reports an error when it is not. */
  boolean isObject(JsonNode node, String pointer, String what) {
    if (node.isObject()) {
      return true;
    }
    error(pointer, what + " must be an object, not " + typeName(node));
    return false;
  }

  /** Whether the node is a list; reports an error when it is not. */
  boolean isArray(JsonNode node, String pointer, String what) {
    if (node.isArray()) {
      return true;
    }
    error(pointer, what + " must be a list, not " + typeName(node));
    return false;
  }

  /** The strings of a list of strings; non-strings are reported and skipped. */
  List<String> strings(JsonNode node, String pointer, String what) {
    List<String> out = new ArrayList<>();
    if (!isArray(node, pointer, what)) {
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      String s = string(node.get(i), JsonPointers.child(pointer, i), "each entry of " + what);
      if (s == null && node.get(i).isNull()) {
        error(JsonPointers.child(pointer, i), "each entry of " + what + " must be a string, not null");
      }
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  static String typeName(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }

  /** "; did you mean 'x'?" when a known name is close, else a full stop. */
  static String didYouMean(String name, List<String> known) {
    String near = nearest(name, known);
    return near == null ? "." : "; did you mean '" + near + "'?";
  }

  /** The known name closest to {@code name} by edit distance, when close enough to be a likely typo. */
  static String nearest(String name, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    int allowed = Math.max(2, Math.min(name.length(), best == null ? 0 : best.length()) / 3);
    if (bestDistance <= allowed) {
      return best;
    }
    // a shortened name (rate_limit for rate_limit_per_min) is a likely slip too
    for (String k : known) {
      if (name.length() >= 4 && (k.startsWith(name) || name.startsWith(k))) {
        return k;
      }
    }
    return null;
  }

  /** Optimal string alignment distance: edits, with a swap of neighbours counted as one. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
