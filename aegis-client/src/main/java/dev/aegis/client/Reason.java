package dev.aegis.client;

/**
 * Why a decision came out as it did.
 *
 * @param code a stable machine code, such as {@code capability_not_granted} or {@code connector_read_only}
 * @param message a sentence for people that names the policy version involved
 */
public record Reason(String code, String message) {}
