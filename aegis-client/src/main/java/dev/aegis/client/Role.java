package dev.aegis.client;

import java.util.Locale;

/** What a key may do; a key carries one or more roles. */
public enum Role {
  /** Sends telemetry, asks for decisions, calls tools and models through the gateways. */
  AGENT,
  /** Reads runs and alerts, contains agents, runs compensations. */
  OPERATOR,
  /** Approves or denies pending actions. */
  APPROVER,
  /** Manages its tenant: keys, policies, connectors, budgets. */
  ADMIN;

  /** The name on the wire, such as {@code agent}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
