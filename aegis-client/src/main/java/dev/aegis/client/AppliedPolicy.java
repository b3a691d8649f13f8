package dev.aegis.client;

/**
 * What an apply or a rollback answers.
 *
 * @param changed false when the policy already had this document and nothing was stored (a repeated apply is safe)
 * @param policy the version in force afterwards, with its document
 */
public record AppliedPolicy(boolean changed, Policy policy) {}
