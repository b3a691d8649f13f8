package dev.aegis.server.config;

/**
 * Logging.
 *
 * @param level the root log level: trace, debug, info, warn or error
 */
public record LogConfig(String level) {}
