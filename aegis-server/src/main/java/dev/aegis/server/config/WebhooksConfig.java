package dev.aegis.server.config;

import java.time.Duration;

/**
 * Where webhooks may point and how their deliveries are tried.
 *
 * @param allowPrivateNetworks whether URLs may reach loopback, private and other internal addresses
 * @param maxAttempts attempts per delivery before it fails
 * @param timeout how long one attempt may take to connect, and then to be answered
 * @param backoffBase the wait after the first failed attempt
 * @param backoffMax the longest wait between attempts
 */
public record WebhooksConfig(
    boolean allowPrivateNetworks, int maxAttempts, Duration timeout, Duration backoffBase, Duration backoffMax) {}
