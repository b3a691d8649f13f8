package dev.aegis.client;

import java.util.Locale;

/** How a policy is written: JSON, as in the product brief, or the same document in YAML. */
public enum SourceFormat {
  JSON("application/json"),
  YAML("application/yaml");

  private final String mediaType;

  SourceFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The Content-Type a policy in this format is sent with. */
  public String mediaType() {
    return mediaType;
  }

  /** The format a file name suggests ({@code .json}, {@code .yaml}, {@code .yml}), or null for another name. */
  public static SourceFormat fromFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return JSON;
    }
    return lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : null;
  }

  /** The format a Content-Type names, or JSON when it names neither. */
  static SourceFormat fromContentType(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("yaml") ? YAML : JSON;
  }
}
