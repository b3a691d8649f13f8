package dev.aegis.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.audit.AuditChain;
import dev.aegis.core.audit.AuditEntry;
import dev.aegis.core.audit.AuditRecord;
import dev.aegis.core.store.Store;
import io.javalin.http.Context;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What features record their changes through. A change and its entry are written in one transaction: when the entry
 * cannot be appended the change is rolled back (the request answers 503), and a change that fails leaves no entry.
 *
 * <pre>{@code
 * PolicyWrite write = audit.change(ctx, () -> store.apply(...),
 *     w -> w instanceof PolicyWrite.Written v ? AuditEvent.of(...).after(...) : null);
 * }</pre>
 */
public final class AuditTrail {
  private final Store store;
  private final AuditChain chain;
  private final ObjectMapper mapper;

  /**
   * @param mapper the API's JSON mapping, which turns the snapshots into JSON as the API would show them
   */
  public AuditTrail(Store store, AuditChain chain, ObjectMapper mapper) {
    this.store = store;
    this.chain = chain;
    this.mapper = mapper;
  }

  /**
   * Makes a change and records the event it describes, both in one transaction.
   *
   * @param change the store writes; its ports join the transaction
   * @param event what to record, given the change's outcome; null records nothing (nothing changed)
   */
  public <T> T change(Context ctx, Supplier<T> change, Function<? super T, AuditEvent> event) {
    return change(AuditActor.of(ctx), change, event);
  }

  /** As {@link #change(Context, Supplier, Function)}, for a change Aegis makes on its own or on behalf of someone. */
  public <T> T change(AuditActor actor, Supplier<T> change, Function<? super T, AuditEvent> event) {
    return store.inTransaction(() -> {
      T outcome = change.get();
      AuditEvent recorded = event.apply(outcome);
      if (recorded != null) {
        record(actor, recorded);
      }
      return outcome;
    });
  }

  /** Makes a change that returns what to record (or null for nothing), both in one transaction. */
  public void change(Context ctx, Supplier<AuditEvent> change) {
    change(ctx, change, Function.identity());
  }

  /**
   * Appends one entry now: in the transaction under way on this thread, if there is one, else in its own. Prefer
   * {@link #change}, which ties the entry to the change.
   */
  public AuditEntry record(AuditActor actor, AuditEvent event) {
    AuditRecord record = AuditRecord.of(event.tenantId(), actor.id(), event.action(), event.objectType(),
        event.objectId(), snapshot(event.before()), snapshot(event.after()), actor.requestId(), event.decisionId());
    return store.audit().append(record, chain);
  }

  /** The chain, for verifying what was recorded. */
  AuditChain chain() {
    return chain;
  }

  private JsonNode snapshot(Object value) {
    return value == null ? null : mapper.valueToTree(value);
  }
}
