package dev.aegis.core.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * One try at delivering: when, how long it took, and what came back.
 *
 * @param deliveryId the delivery tried
 * @param attempt 1 for the first try
 * @param startedAt when the request began
 * @param durationMillis how long until the answer, or the failure
 * @param status the receiver's HTTP status, or null when there was no answer
 * @param error why the attempt failed, or null when it succeeded; never holds a secret
 */
public record DeliveryAttempt(
    String deliveryId, int attempt, Instant startedAt, long durationMillis, Integer status, String error) {
  public DeliveryAttempt {
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
