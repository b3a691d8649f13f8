package dev.aegis.server.webhook;

import dev.aegis.core.crypto.SecretBox;
import dev.aegis.core.crypto.SecretBoxException;
import dev.aegis.core.webhook.Backoff;
import dev.aegis.core.webhook.DeliveryAttempt;
import dev.aegis.core.webhook.DeliveryState;
import dev.aegis.core.webhook.Webhook;
import dev.aegis.core.webhook.WebhookDelivery;
import dev.aegis.core.webhook.WebhookStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the webhook outbox. One thread claims due deliveries and sends each on a virtual thread; then it sleeps
 * until the earliest pending delivery is due, or until {@link #wake()} says new deliveries were committed. It
 * reads only the outbox's index of pending deliveries, never other tables, and never the whole outbox.
 */
final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int BATCH = 32;
  /** The longest sleep even without news, so that deliveries queued by another server are not left waiting. */
  private static final Duration MAX_SLEEP = Duration.ofSeconds(30);
  private static final Duration STORE_DOWN_PAUSE = Duration.ofSeconds(2);

  private final WebhookStore store;
  private final SecretBox box;
  private final WebhookSender sender;
  private final Backoff backoff;
  private final int maxAttempts;
  private final Duration lease;
  private final Clock clock;
  private final RandomGenerator random;
  private final Counter delivered;
  private final Counter retried;
  private final Counter failed;
  private final Counter cancelled;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition news = lock.newCondition();
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private boolean woken;
  private volatile boolean closed;
  private Thread loop;

  WebhookDispatcher(WebhookStore store, SecretBox box, WebhookSender sender, Backoff backoff, int maxAttempts,
      Duration timeout, Clock clock, RandomGenerator random, MeterRegistry registry) {
    this.store = store;
    this.box = box;
    this.sender = sender;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    // a claim outlasts the attempt (connect plus answer) with room to record it
    this.lease = timeout.multipliedBy(2).plusSeconds(30);
    this.clock = clock;
    this.random = random;
    this.delivered = outcome(registry, "delivered");
    this.retried = outcome(registry, "retry");
    this.failed = outcome(registry, "failed");
    this.cancelled = outcome(registry, "cancelled");
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("aegis.webhook.deliveries")
        .description("Webhook delivery attempts by outcome: delivered, retry (failed, will retry), failed (gave up),"
            + " cancelled (webhook deleted)")
        .tag("outcome", outcome)
        .register(registry);
  }

  void start() {
    loop = Thread.ofPlatform().name("aegis-webhook-dispatcher").daemon(true).start(this::run);
  }

  /** Says that deliveries were committed, so the dispatcher looks now rather than at its next planned time. */
  void wake() {
    lock.lock();
    try {
      woken = true;
      news.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (!closed) {
      Duration sleep;
      try {
        Instant now = clock.instant();
        List<WebhookDelivery> due = store.claimDue(now, now.plus(lease), BATCH);
        if (!due.isEmpty()) {
          sendAll(due);
          continue;
        }
        Optional<Instant> next = store.nextDue();
        sleep = next.map(at -> Duration.between(clock.instant(), at)).orElse(MAX_SLEEP);
      } catch (RuntimeException e) {
        LOG.warn("The webhook outbox cannot be read; trying again in {}", STORE_DOWN_PAUSE, e);
        sleep = STORE_DOWN_PAUSE;
      }
      sleep(clamp(sleep));
    }
  }

  private static Duration clamp(Duration sleep) {
    if (sleep.compareTo(Duration.ofMillis(5)) < 0) {
      return Duration.ofMillis(5);
    }
    return sleep.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : sleep;
  }

  private void sleep(Duration duration) {
    lock.lock();
    try {
      long nanos = duration.toNanos();
      while (!woken && !closed && nanos > 0) {
        nanos = news.awaitNanos(nanos);
      }
      woken = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  private void sendAll(List<WebhookDelivery> due) {
    List<Future<?>> running = new ArrayList<>();
    for (WebhookDelivery delivery : due) {
      running.add(senders.submit(() -> attempt(delivery)));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.warn("A webhook delivery attempt failed unexpectedly; it is retried when its claim ends", e.getCause());
      }
    }
  }

  private void attempt(WebhookDelivery delivery) {
    Optional<Webhook> found = store.findForDelivery(delivery.webhookId());
    if (found.isEmpty() || !found.get().isActive()) {
      store.cancel(delivery.id(), clock.instant());
      cancelled.increment();
      return;
    }
    Webhook webhook = found.get();
    int attempt = delivery.attempts() + 1;
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    WebhookSender.Result result;
    boolean hopeless = false;
    try {
      String secret = box.open(webhook.sealedSecret(), webhook.id());
      result = sender.send(webhook, delivery, secret);
    } catch (SecretBoxException e) {
      hopeless = true;
      result = new WebhookSender.Result(null, "not sent: the signing secret cannot be read (" + e.getMessage()
          + "); was the master key changed? Delete the webhook and create it again");
    }
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    DeliveryAttempt record = new DeliveryAttempt(delivery.id(), attempt, started, millis, result.status(),
        result.error());
    if (result.delivered()) {
      store.recordAttempt(record, DeliveryState.DELIVERED, null);
      delivered.increment();
      LOG.debug("Webhook {} delivered {} ({}) on attempt {}", webhook.id(), delivery.id(), delivery.event(), attempt);
    } else if (hopeless || attempt >= maxAttempts) {
      store.recordAttempt(record, DeliveryState.FAILED, null);
      failed.increment();
      LOG.warn("Webhook {} delivery {} failed for good after {} attempt(s): {}", webhook.id(), delivery.id(),
          attempt, result.error());
    } else {
      Duration wait = backoff.delay(attempt, random);
      store.recordAttempt(record, DeliveryState.PENDING, clock.instant().plus(wait));
      retried.increment();
      LOG.info("Webhook {} delivery {} attempt {} of {} failed: {}; next attempt in {} ms", webhook.id(),
          delivery.id(), attempt, maxAttempts, result.error(), wait.toMillis());
    }
  }

  /** Stops claiming; attempts under way finish (each is bounded by the timeout) and are recorded. */
  @Override
  public void close() {
    closed = true;
    wake();
    if (loop != null) {
      try {
        loop.join(TimeUnit.MINUTES.toMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    senders.close();
  }
}
