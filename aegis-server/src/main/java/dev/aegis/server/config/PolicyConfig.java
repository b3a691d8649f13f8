package dev.aegis.server.config;

import java.time.Duration;

/**
 * The policy decision point's settings.
 *
 * @param refreshInterval how often to look for policy and rate-cap changes made by other servers
 * @param allowLogSampleRate the share of allow decisions written to the decision log, from 0 to 1
 * @param sharedRateCaps whether rate-cap buckets live in the store, shared by every server on it
 */
public record PolicyConfig(Duration refreshInterval, double allowLogSampleRate, boolean sharedRateCaps) {}
