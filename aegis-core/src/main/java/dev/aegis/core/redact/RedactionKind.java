package dev.aegis.core.redact;

/**
 * The built-in kinds of sensitive text, as they appear in a replacement ({@code <EMAIL:3f2a9c1b>}). Tenant-defined
 * patterns add kinds of their own, named by the tenant.
 */
public enum RedactionKind {
  EMAIL(false),
  PHONE(false),
  CARD(false),
  IBAN(false),
  SSN(false),
  IP(false),
  JWT(true),
  BEARER(true),
  API_KEY(true),
  /** The value of a credential-named field, such as {@code password=...} or {@code "client_secret": "..."}. */
  SECRET(true),
  PRIVATE_KEY(true),
  /** A whole value hidden: a deny-listed attribute, binary data, or text a tenant pattern could not finish. */
  REDACTED(true);

  private final boolean secret;

  RedactionKind(boolean secret) {
    this.secret = secret;
  }

  /** Whether this kind is a credential, replaced even at {@link CaptureLevel#FULL}. */
  public boolean secret() {
    return secret;
  }

  /** Which of two overlapping spans wins: the more specific kind (a JWT after {@code Bearer} is a JWT). */
  int priority() {
    return switch (this) {
      case REDACTED -> 110;
      case PRIVATE_KEY -> 100;
      case JWT -> 90;
      case API_KEY -> 80;
      case BEARER -> 70;
      case SECRET -> 65;
      case EMAIL -> 50;
      case IBAN -> 45;
      case CARD -> 40;
      case SSN -> 35;
      case IP -> 30;
      case PHONE -> 20;
    };
  }

  /** Whether a tenant pattern may not use this name, ignoring case. */
  static boolean isReserved(String name) {
    for (RedactionKind kind : values()) {
      if (kind.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
