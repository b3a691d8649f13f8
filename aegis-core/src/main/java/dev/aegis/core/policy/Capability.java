package dev.aegis.core.policy;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Capabilities and actions are {@code verb:resource} ({@code read:documents}); a pattern may use {@code *} for the
 * resource ({@code read:*}). A write is any verb other than {@code read}, {@code list} and {@code get}.
 */
public final class Capability {
  private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  private static final Set<String> READ_VERBS = Set.of("read", "list", "get");

  private Capability() {}

  /** Why the text is not a capability pattern, or null when it is one. */
  public static String patternProblem(String text) {
    int colon = text.indexOf(':');
    if (colon < 0 || colon != text.lastIndexOf(':')) {
      return "is not verb:resource with one ':' (e.g. read:documents or read:*)";
    }
    String verb = text.substring(0, colon);
    String resource = text.substring(colon + 1);
    if (!PART.matcher(verb).matches()) {
      return "has verb '" + verb + "'; a verb is lower-case letters, digits, '_', '.' or '-', starting with a letter";
    }
    if (!resource.equals("*") && !PART.matcher(resource).matches()) {
      return "has resource '" + resource
          + "'; a resource is lower-case letters, digits, '_', '.' or '-', starting with a letter, or *";
    }
    return null;
  }

  /** Whether the text is a concrete action (a capability without wildcard). */
  public static boolean isAction(String text) {
    return patternProblem(text) == null && !text.endsWith(":*");
  }

  /** The verb of an action or pattern. */
  public static String verb(String action) {
    int colon = action.indexOf(':');
    return colon < 0 ? action : action.substring(0, colon);
  }

  /** The resource type of an action (the part after ':'). */
  public static String resourceType(String action) {
    int colon = action.indexOf(':');
    return colon < 0 ? "" : action.substring(colon + 1);
  }

  /** Whether an action with this verb writes (anything but read, list and get). */
  public static boolean isWriteVerb(String verb) {
    return !READ_VERBS.contains(verb);
  }

  /** Whether a granted or denied pattern covers an action. */
  public static boolean covers(String pattern, String action) {
    if (pattern.endsWith(":*")) {
      int colon = pattern.length() - 2;
      return action.length() > colon && action.charAt(colon) == ':' && action.startsWith(pattern.substring(0, colon));
    }
    return pattern.equals(action);
  }
}
