package dev.aegis.server.config;

import java.time.Duration;

/**
 * Where the HTTP server listens and how long it drains on shutdown.
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one
 * @param drainTimeout how long in-flight requests may run on after {@code close()} begins
 */
public record ServerConfig(String host, int port, Duration drainTimeout) {}
