package dev.aegis.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A connection to one Aegis server, acting with one API key. Thread-safe; make one and share it.
 *
 * <pre>{@code
 * try (AegisClient aegis = AegisClient.builder()
 *     .baseUrl(URI.create("http://127.0.0.1:4318"))
 *     .apiKey(System.getenv("AEGIS_KEY"))
 *     .build()) {
 *   Tenant acme = aegis.tenants().create("acme");
 *   CreatedKey key = aegis.keys().create("acme", "ci-agent", Role.AGENT);
 * }
 * }</pre>
 */
public final class AegisClient implements AutoCloseable {
  /** Where {@code ./aegis server} listens unless told otherwise. */
  public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:4318");

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final Transport transport;
  private final boolean ownsHttp;
  private final Tenants tenants;
  private final Keys keys;
  private final Runs runs;

  private AegisClient(Transport transport, boolean ownsHttp) {
    this.transport = transport;
    this.ownsHttp = ownsHttp;
    this.tenants = new Tenants(transport);
    this.keys = new Keys(transport);
    this.runs = new Runs(transport);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The version of this SDK, such as {@code 0.1.0}. */
  public static String version() {
    return Version.VALUE;
  }

  public Tenants tenants() {
    return tenants;
  }

  public Keys keys() {
    return keys;
  }

  /** Runs, their lineage, span trees and timelines; lookups by trace id and prompt hash. */
  public Runs runs() {
    return runs;
  }

  /** The tenant's audit log: list and filter it, have the server verify its chain, export it as JSON Lines. */
  public Audit audit() {
    return new Audit(transport);
  }

  /** Who the server takes this client's key to be: its tenant, key and roles. */
  public WhoAmI whoami() {
    return transport.get("/api/v1/whoami", Map.of(), Transport.type(WhoAmI.class));
  }

  /** {@code /healthz}: answers while the process runs. */
  public Health health() {
    return transport.get("/healthz", Map.of(), Transport.type(Health.class));
  }

  /** {@code /readyz}: answers when the store answers; throws {@link AegisApiException} (503) otherwise. */
  public Health ready() {
    return transport.get("/readyz", Map.of(), Transport.type(Health.class));
  }

  /** Task budgets: limits on tokens per run, p95 run time and error rate per task type. */
  public TaskBudgets taskBudgets() {
    return new TaskBudgets(transport);
  }

  /** Alerts raised when a task type crosses its budget or comes back within it. */
  public Alerts alerts() {
    return new Alerts(transport);
  }

  /** Webhooks that receive alerts as signed JSON, and their deliveries. */
  public Webhooks webhooks() {
    return new Webhooks(transport);
  }

  /** Policies as code: apply, read, history, diff, rollback, delete, validate and simulate. */
  public Policies policies() {
    return new Policies(transport);
  }

  /** The decision point (ask before every side effect) and the decision log. */
  public Decisions decisions() {
    return new Decisions(transport);
  }

  /** What applies to an agent: its effective policy, and where each part of it came from. */
  public Agents agents() {
    return new Agents(transport);
  }

  /** Rate-cap overrides: raise or lower a connector's cap at runtime, for a while. */
  public RateCaps rateCaps() {
    return new RateCaps(transport);
  }

  /**
   * The same server and connection pool, acting with another key (or none, when null). Closing the returned client
   * does nothing; close the one you built.
   */
  public AegisClient withApiKey(String apiKey) {
    return new AegisClient(transport.withApiKey(apiKey), false);
  }

  /**
   * The same client, sending {@code X-Request-Id: id} with every request so that the server's log and problem
   * bodies carry it. Closing the returned client does nothing.
   */
  public AegisClient withRequestId(String id) {
    return new AegisClient(transport.withRequestId(id), false);
  }

  public URI baseUrl() {
    return transport.baseUrl();
  }

  public boolean hasApiKey() {
    return transport.hasApiKey();
  }

  /** Releases the connection pool; only the client made by {@link Builder#build()} owns it. */
  @Override
  public void close() {
    if (ownsHttp) {
      transport.http().close();
    }
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "AegisClient[" + transport.displayUrl() + (hasApiKey() ? ", with key" : ", no key") + "]";
  }

  /** Configures an {@link AegisClient}; only the base URL has to be set for the health calls, a key for the rest. */
  public static final class Builder {
    private URI baseUrl = DEFAULT_URL;
    private String apiKey;
    private String requestId;
    private Duration timeout = DEFAULT_TIMEOUT;
    private String userAgentPrefix;

    private Builder() {}

    /** Such as {@code http://127.0.0.1:4318}; a path after the host is kept as a prefix of every route. */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String scheme = baseUrl.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || baseUrl.getHost() == null) {
        throw new IllegalArgumentException(
            "the Aegis URL must look like http://host:port, was '" + baseUrl + "'");
      }
      if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
        throw new IllegalArgumentException("the Aegis URL must not have a query or fragment, was '" + baseUrl + "'");
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /** The API key sent as {@code Authorization: Bearer <key>}; null sends none. */
    public Builder apiKey(String apiKey) {
      this.apiKey = Transport.checkApiKey(apiKey);
      return this;
    }

    /** Sent as {@code X-Request-Id} with every request; see also {@link AegisClient#withRequestId(String)}. */
    public Builder requestId(String requestId) {
      this.requestId = Transport.checkRequestId(requestId);
      return this;
    }

    /** How long to wait for a connection, and for each answer. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** A product token put before {@code aegis-client/<version>} in the User-Agent, such as {@code my-agent/1.2}. */
    public Builder userAgentPrefix(String product) {
      this.userAgentPrefix = product;
      return this;
    }

    public AegisClient build() {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      String userAgent =
          (userAgentPrefix == null || userAgentPrefix.isBlank() ? "" : userAgentPrefix.trim() + " ")
              + "aegis-client/" + Version.VALUE;
      return new AegisClient(new Transport(http, baseUrl, apiKey, requestId, timeout, userAgent), true);
    }
  }

  private static final class Version {
    static final String VALUE = load();

    private static String load() {
      try (InputStream in = AegisClient.class.getResourceAsStream("aegis-client.properties")) {
        if (in == null) {
          return "unknown";
        }
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "unknown");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
