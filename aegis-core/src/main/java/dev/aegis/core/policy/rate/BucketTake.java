package dev.aegis.core.policy.rate;

/**
 * What taking one token from a rate bucket came to.
 *
 * @param granted whether a token was taken: the call may go ahead
 * @param tokensLeft whole tokens left in the bucket afterwards
 * @param retryAfterMs when refused, how long until a token will be there (at least 1); 0 when granted
 */
public record BucketTake(boolean granted, long tokensLeft, long retryAfterMs) {
  public BucketTake {
    if (tokensLeft < 0) {
      throw new IllegalArgumentException("tokensLeft must not be negative, was " + tokensLeft);
    }
    if (granted ? retryAfterMs != 0 : retryAfterMs < 1) {
      throw new IllegalArgumentException("a grant has no retry delay and a refusal has one, was " + retryAfterMs);
    }
  }
}
