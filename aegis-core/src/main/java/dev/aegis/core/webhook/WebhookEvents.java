package dev.aegis.core.webhook;

import java.util.List;

/** The events a webhook can subscribe to. */
public final class WebhookEvents {
  /** An alert started firing. */
  public static final String ALERT_FIRED = "alert.fired";
  /** A firing alert resolved. */
  public static final String ALERT_RESOLVED = "alert.resolved";

  private static final List<String> ALL = List.of(ALERT_FIRED, ALERT_RESOLVED);

  private WebhookEvents() {}

  public static List<String> all() {
    return ALL;
  }

  public static boolean isKnown(String event) {
    return ALL.contains(event);
  }
}
