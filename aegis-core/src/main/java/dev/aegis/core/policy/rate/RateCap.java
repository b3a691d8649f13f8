package dev.aegis.core.policy.rate;

import java.time.Instant;

/**
 * The cap in force for one agent on one connector.
 *
 * @param limitPerMin calls per minute, or null for no cap
 * @param source where it comes from: {@code policy}, {@code override} or {@code tightened}
 * @param pausedUntil no call passes before this instant (after an upstream 429), or null
 */
public record RateCap(Integer limitPerMin, String source, Instant pausedUntil) {}
