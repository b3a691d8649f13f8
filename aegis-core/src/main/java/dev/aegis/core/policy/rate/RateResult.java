package dev.aegis.core.policy.rate;

/**
 * Whether a call was taken from its bucket.
 *
 * @param granted true when the call may go ahead (a token was taken)
 * @param retryAfterMs when refused, the exact milliseconds until the next token; 0 when granted
 */
public record RateResult(boolean granted, long retryAfterMs) {
  public static final RateResult GRANTED = new RateResult(true, 0);

  public static RateResult refused(long retryAfterMs) {
    return new RateResult(false, Math.max(1, retryAfterMs));
  }
}
