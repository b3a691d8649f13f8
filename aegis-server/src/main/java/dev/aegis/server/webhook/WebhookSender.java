package dev.aegis.server.webhook;

import dev.aegis.core.webhook.Webhook;
import dev.aegis.core.webhook.WebhookDelivery;
import dev.aegis.core.webhook.WebhookSignature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Makes one delivery attempt: a signed JSON POST with a timeout, no redirects followed. */
final class WebhookSender implements AutoCloseable {
  static final String USER_AGENT = "Aegis-Webhooks/1";

  private final HttpClient http;
  private final Duration timeout;
  private final Destinations destinations;
  private final Clock clock;

  WebhookSender(Duration timeout, Destinations destinations, Clock clock) {
    this.timeout = timeout;
    this.destinations = destinations;
    this.clock = clock;
    // redirects are not followed: a 3xx is a failed attempt, so a receiver cannot bounce deliveries elsewhere
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * What came of an attempt.
   *
   * @param status the HTTP status, or null when there was no answer
   * @param error why it failed, or null for a 2xx; never holds the secret or the URL's path
   */
  record Result(Integer status, String error) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  Result send(Webhook webhook, WebhookDelivery delivery, String secret) {
    URI uri = URI.create(webhook.url());
    Optional<String> refused = destinations.checkBeforeDelivery(uri);
    if (refused.isPresent()) {
      return new Result(null, "not sent: the URL " + refused.get());
    }
    byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", USER_AGENT)
        .header("Aegis-Webhook-Id", webhook.id())
        .header("Aegis-Event", delivery.event())
        .header("Aegis-Delivery-Id", delivery.id())
        .header(WebhookSignature.HEADER, WebhookSignature.header(secret, timestamp, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Result(status, status >= 200 && status < 300 ? null : "the receiver answered HTTP " + status);
    } catch (HttpConnectTimeoutException e) {
      return new Result(null, "could not connect within " + timeout.toMillis() + " ms");
    } catch (HttpTimeoutException e) {
      return new Result(null, "no answer within " + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      return new Result(null, "could not connect to " + Destinations.forLogs(webhook.url()) + " (connection refused"
          + " or unreachable)");
    } catch (IOException e) {
      return new Result(null, "the request failed: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(null, "interrupted: the server is stopping");
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
