package dev.aegis.core.auth;

import java.util.Locale;
import java.util.Optional;

/** What a key may do. A key carries one or more roles; {@code admin} does not imply the others. */
public enum Role {
  /** Sends telemetry, asks for decisions, calls tools and models through the gateways. */
  AGENT,
  /** Reads runs and alerts, contains agents, runs compensations. */
  OPERATOR,
  /** Approves or denies pending actions. */
  APPROVER,
  /** Manages the tenant: keys, policies, connectors, budgets, break-glass. */
  ADMIN;

  /** The name used on the wire and in configuration, such as {@code agent}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWire(String name) {
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
