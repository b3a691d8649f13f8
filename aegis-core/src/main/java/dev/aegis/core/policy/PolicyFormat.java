package dev.aegis.core.policy;

import java.util.Locale;

/** How a policy document is written. */
public enum PolicyFormat {
  JSON,
  YAML;

  /**
   * The format a content type names ({@code application/json}, {@code application/yaml}, {@code text/yaml},
   * {@code application/x-yaml}), or null when it names neither.
   */
  public static PolicyFormat fromContentType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (type.equals("application/json") || type.endsWith("+json")) {
      return JSON;
    }
    if (type.equals("application/yaml") || type.equals("application/x-yaml") || type.equals("text/yaml")
        || type.equals("text/x-yaml") || type.endsWith("+yaml")) {
      return YAML;
    }
    return null;
  }

  /** The format a file name suggests by its extension ({@code .json}, {@code .yaml}, {@code .yml}), or null. */
  public static PolicyFormat fromFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return JSON;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return YAML;
    }
    return null;
  }
}
