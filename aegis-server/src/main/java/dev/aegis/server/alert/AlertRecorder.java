package dev.aegis.server.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.alert.Alert;
import dev.aegis.core.alert.AlertState;
import dev.aegis.core.alert.AlertStore;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.taskbudget.BudgetKind;
import dev.aegis.core.taskbudget.BudgetTransition;
import dev.aegis.core.webhook.WebhookDelivery;
import dev.aegis.core.webhook.WebhookEvents;
import dev.aegis.server.webhook.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns budget transitions into stored alerts, and queues their webhook deliveries in the same transaction. Not
 * safe for concurrent use: one caller (the task budget monitor's thread) records transitions in order, so that a
 * resolution always finds the alert it resolves.
 */
public final class AlertRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(AlertRecorder.class);

  private final AlertStore alerts;
  private final Outbox outbox;
  private final IdGenerator ids;
  private final ObjectMapper mapper;
  private final MeterRegistry registry;

  public AlertRecorder(AlertStore alerts, Outbox outbox, IdGenerator ids, ObjectMapper mapper, MeterRegistry registry) {
    this.alerts = alerts;
    this.outbox = outbox;
    this.ids = ids;
    this.mapper = mapper;
    this.registry = registry;
  }

  /**
   * Stores the transition as an alert with its webhook deliveries.
   *
   * @return the stored alert; empty when it was a repeat (a run that already fired) or resolved nothing
   * @throws dev.aegis.core.store.StoreException when the store failed; nothing was stored
   */
  public Optional<Alert> record(BudgetTransition transition) {
    String firedAlertId = null;
    AlertState state = AlertState.FIRING;
    if (transition instanceof BudgetTransition.Resolved) {
      state = AlertState.RESOLVED;
      Optional<Alert> open = alerts.findOpen(transition.tenantId(), transition.kind().wireName(),
          transition.taskType());
      if (open.isEmpty()) {
        LOG.debug("Nothing open to resolve for {} of {}", transition.kind().wireName(), transition.taskType());
        return Optional.empty();
      }
      firedAlertId = open.get().id();
    }
    Instant at = transition.at().truncatedTo(ChronoUnit.MILLIS);
    String dedupeKey = transition.kind() == BudgetKind.TOKENS_PER_RUN ? "run:" + transition.runId() : null;
    Alert alert = new Alert(ids.next(Alert.ID_PREFIX), transition.tenantId(), transition.kind().wireName(), state,
        transition.taskType(), transition.runId(), transition.observed(), transition.threshold(),
        transition.window(), transition.samples(), transition.message(), at, firedAlertId, null, dedupeKey);
    String event = state == AlertState.FIRING ? WebhookEvents.ALERT_FIRED : WebhookEvents.ALERT_RESOLVED;
    List<WebhookDelivery> deliveries = outbox.deliveriesOf(alert.tenantId(), event, payload(event, alert), at);
    if (!alerts.record(alert, deliveries)) {
      return Optional.empty();
    }
    if (!deliveries.isEmpty()) {
      outbox.committed();
    }
    Counter.builder("aegis.alerts")
        .description("Alerts raised, by kind and state")
        .tag("kind", alert.kind())
        .tag("state", state.wireName())
        .register(registry)
        .increment();
    LOG.info("Alert {} {}: {}", alert.id(), state.wireName(), alert.message());
    return Optional.of(alert);
  }

  private String payload(String event, Alert alert) {
    try {
      return mapper.writeValueAsString(new Payload(event, alert.tenantId(), alert.createdAt(),
          new Payload.Data(AlertView.of(alert))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert always serializes", e);
    }
  }

  /** The body of an alert event: the event name, when, and the alert as the API shows it. */
  record Payload(String type, String tenantId, Instant createdAt, Data data) {
    record Data(AlertView alert) {}
  }
}
