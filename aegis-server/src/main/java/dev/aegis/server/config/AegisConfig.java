package dev.aegis.server.config;

/** The whole server configuration, one typed part per feature; built by {@link ConfigLoader}. */
public record AegisConfig() {}
