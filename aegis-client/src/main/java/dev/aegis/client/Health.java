package dev.aegis.client;

/**
 * What {@code /healthz} or {@code /readyz} answered.
 *
 * @param status {@code up} or {@code ready}
 * @param store the store kind, such as {@code sqlite}; null from {@code /healthz}
 */
public record Health(String status, String store) {}
