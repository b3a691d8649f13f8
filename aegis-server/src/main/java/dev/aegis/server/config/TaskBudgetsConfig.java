package dev.aegis.server.config;

import java.time.Duration;

/**
 * Defaults of task budgets.
 *
 * @param defaultWindow the window of a budget that does not set one
 * @param defaultMinSamples the min_samples of a budget that does not set it
 */
public record TaskBudgetsConfig(Duration defaultWindow, int defaultMinSamples) {}
