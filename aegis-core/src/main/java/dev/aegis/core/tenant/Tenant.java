package dev.aegis.core.tenant;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A tenant: the unit of isolation. Every object but the tenants themselves belongs to exactly one.
 *
 * @param id the generated id, {@code ten_...}
 * @param name a unique slug chosen by the admin, such as {@code acme-prod}
 */
public record Tenant(String id, String name, Instant createdAt) {
  public static final String ID_PREFIX = "ten";
  public static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  /** The tenant id of the system admin principal; it owns no stored objects. */
  public static final String SYSTEM = "system";

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches() && !SYSTEM.equals(name);
  }
}
