package dev.aegis.server.config;

/**
 * Limits of the HTTP conventions shared by every route.
 *
 * @param maxBodyBytes the largest request body accepted
 */
public record HttpConfig(long maxBodyBytes) {}
