package dev.aegis.server.ingest;

import dev.aegis.core.auth.Role;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.server.auth.Authenticator;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import dev.aegis.server.ingest.otlp.OtlpDecoder;
import dev.aegis.server.ingest.otlp.OtlpDecodingException;
import dev.aegis.server.ingest.otlp.OtlpFormat;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/traces}: an OTLP/HTTP export from an agent key. The body is read within the size limits,
 * decoded, checked span by span, redacted under the tenant's policy and mapped, then queued for the group-commit
 * writer; the answer waits for the commit, so a 200 means the spans are on disk. A full queue or a failed write is
 * a 503 with Retry-After, and then nothing of the request was stored.
 */
final class TraceExport {
  static final String STORE_RETRY_AFTER_SECONDS = "5";
  private static final long DECODER_WAIT_MILLIS = 200;
  /** A commit that takes longer is answered 503; if it lands later, the exporter's retry is deduplicated. */
  private static final long COMMIT_WAIT_SECONDS = 60;

  private final Authenticator authenticator;
  private final TenantMappers mappers;
  private final RunCache runs;
  private final GroupCommit writer;
  private final IngestMetrics metrics;
  private final Semaphore decoders;
  private final long maxBodyBytes;
  private final String retryAfter;

  TraceExport(Authenticator authenticator, TenantMappers mappers, RunCache runs, GroupCommit writer,
      IngestMetrics metrics, int maxConcurrent, long maxBodyBytes, long retryAfterSeconds) {
    this.authenticator = authenticator;
    this.mappers = mappers;
    this.runs = runs;
    this.writer = writer;
    this.metrics = metrics;
    this.decoders = new Semaphore(maxConcurrent);
    this.maxBodyBytes = maxBodyBytes;
    this.retryAfter = Long.toString(retryAfterSeconds);
  }

  void handle(Context ctx) {
    Principal principal = authenticator.authenticate(ctx.header("Authorization"));
    if (principal.system() || !principal.hasRole(Role.AGENT)) {
      throw new ProblemException(ProblemType.FORBIDDEN, "Sending telemetry needs a tenant key with the agent role;"
          + " this key has " + principal.roles().stream().map(Role::wireName).sorted().toList() + ".");
    }
    String tenantId = principal.tenantId();
    OtlpFormat format = OtlpFormat.of(ctx.header("Content-Type")).orElseThrow(() -> new ProblemException(
        ProblemType.UNSUPPORTED_MEDIA_TYPE, "OTLP/HTTP bodies are application/x-protobuf or application/json;"
            + " the request had " + (ctx.header("Content-Type") == null ? "no Content-Type"
            : "Content-Type '" + ctx.header("Content-Type") + "'") + "."));

    int rejected;
    String rejectionMessage;
    List<SpanRecord> records;
    acquireDecoder();
    try {
      byte[] body = OtlpBody.read(ctx.bodyInputStream(), ctx.header("Content-Encoding"), maxBodyBytes);
      OtlpDecoder.Decoded decoded;
      try {
        decoded = OtlpDecoder.decode(body, format);
      } catch (OtlpDecodingException e) {
        throw new ProblemException(ProblemType.MALFORMED_REQUEST, e.getMessage()
            + " Nothing was stored; send an OTLP ExportTraceServiceRequest.");
      }
      rejected = decoded.rejected();
      rejectionMessage = decoded.rejectionMessage();
      // only the redacted records outlive this block: the raw body and spans are not held while waiting
      records = mappers.of(tenantId).map(tenantId, decoded.spans(), runs.lookupFor(tenantId));
    } finally {
      decoders.release();
    }
    metrics.rejected(rejected);

    if (!records.isEmpty()) {
      Optional<CompletableFuture<Integer>> queued = writer.offer(new SpanBatch(tenantId, records));
      if (queued.isEmpty()) {
        metrics.dropped(records.size(), "queue_full");
        throw unavailable("The ingest queue is full (" + writer.maxQueuedSpans() + " spans waiting to be written);"
            + " nothing of this request was stored. Retry after " + retryAfter + " s.", retryAfter);
      }
      runs.remember(tenantId, records);
      metrics.accepted(records.size());
      awaitCommit(queued.get());
    }
    ctx.status(200).contentType(format.mediaType())
        .result(OtlpDecoder.response(format, rejected, rejectionMessage));
  }

  private void acquireDecoder() {
    try {
      if (decoders.tryAcquire(DECODER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.dropped(0, "busy");
    throw unavailable("Too many exports are being decoded at once; nothing of this request was stored."
        + " Retry after " + retryAfter + " s.", retryAfter);
  }

  private static void awaitCommit(CompletableFuture<Integer> commit) {
    try {
      commit.get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw unavailable("The store is too slow to confirm the spans were written; retry after "
          + STORE_RETRY_AFTER_SECONDS + " s (a span stored twice is kept once).", STORE_RETRY_AFTER_SECONDS);
    } catch (ExecutionException e) {
      throw unavailable("The spans could not be stored (the store failed); nothing of this request was"
          + " acknowledged. Retry after " + STORE_RETRY_AFTER_SECONDS + " s.", STORE_RETRY_AFTER_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("The server is stopping; the spans may not have been stored. Retry after "
          + STORE_RETRY_AFTER_SECONDS + " s.", STORE_RETRY_AFTER_SECONDS);
    }
  }

  private static ProblemException unavailable(String detail, String retryAfter) {
    return new ProblemException(ProblemType.UNAVAILABLE, detail, List.of(), Map.of("Retry-After", retryAfter));
  }
}
