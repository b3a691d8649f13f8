package dev.aegis.client;

/**
 * A policy version's text exactly as it was submitted.
 *
 * @param text the JSON or YAML as sent, comments and order kept
 * @param format the format it was sent in
 * @param version the version it belongs to
 */
public record PolicySource(String text, SourceFormat format, int version) {}
