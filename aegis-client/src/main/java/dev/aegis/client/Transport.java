package dev.aegis.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Sends one request and turns the answer into a value or an exception; shared by the feature facades. */
final class Transport {
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private final HttpClient http;
  private final URI baseUrl;
  private final String base;
  private final String apiKey;
  private final String requestId;
  private final Duration timeout;
  private final String userAgent;

  Transport(HttpClient http, URI baseUrl, String apiKey, String requestId, Duration timeout, String userAgent) {
    this.http = http;
    this.baseUrl = baseUrl;
    String text = baseUrl.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    this.apiKey = apiKey;
    this.requestId = requestId;
    this.timeout = timeout;
    this.userAgent = userAgent;
  }

  Transport withApiKey(String key) {
    return new Transport(http, baseUrl, checkApiKey(key), requestId, timeout, userAgent);
  }

  Transport withRequestId(String id) {
    return new Transport(http, baseUrl, apiKey, checkRequestId(id), timeout, userAgent);
  }

  static String checkApiKey(String key) {
    if (key == null) {
      return null;
    }
    if (key.isEmpty() || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      // Never echo the key: it may be a real secret with a stray character.
      throw new IllegalArgumentException(
          "the API key must be printable ASCII without spaces; check for a stray newline or quote");
    }
    return key;
  }

  static String checkRequestId(String id) {
    if (id != null && !REQUEST_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "a request id is 1 to 128 characters of A-Z a-z 0-9 . _ : -, was '" + id + "'");
    }
    return id;
  }

  HttpClient http() {
    return http;
  }

  URI baseUrl() {
    return baseUrl;
  }

  boolean hasApiKey() {
    return apiKey != null;
  }

  static JavaType type(Class<?> raw) {
    return MAPPER.getTypeFactory().constructType(raw);
  }

  static JavaType pageOf(Class<?> item) {
    return MAPPER.getTypeFactory().constructParametricType(Page.class, item);
  }

  <T> T get(String path, Map<String, String> query, JavaType type) {
    return send("GET", path, query, null, type);
  }

  <T> T post(String path, Object body, JavaType type) {
    return send("POST", path, Map.of(), body, type);
  }

  <T> T put(String path, Object body, JavaType type) {
    return send("PUT", path, Map.of(), body, type);
  }

  void delete(String path) {
    send("DELETE", path, Map.of(), null, null);
  }

  /**
   * A body sent as it is, such as a policy in YAML.
   *
   * @param contentType such as {@code application/yaml}
   */
  record Raw(String contentType, byte[] bytes) {
    static Raw text(String contentType, String text) {
      return new Raw(contentType + "; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * A text answer as the server sent it.
   *
   * @param contentType the Content-Type header, or null
   * @param etag the ETag header, or null
   */
  record Text(String body, String contentType, String etag) {}

  /**
   * Any request: query parameters may repeat, {@code headers} are added, and {@code body} is a {@link Raw} body or
   * a value written as JSON (or null for none).
   */
  <T> T exchange(String method, String path, List<Map.Entry<String, String>> query, Map<String, String> headers,
      Object body, JavaType type) {
    HttpResponse<byte[]> response = call(method, path, query, headers, body);
    return type == null ? null : read(response, type);
  }

  /** A GET whose answer is text in any media type, such as a policy's source. */
  Text getText(String path, Map<String, String> query) {
    HttpResponse<byte[]> response = call("GET", path, entries(query), Map.of(), null);
    return new Text(new String(response.body(), StandardCharsets.UTF_8),
        response.headers().firstValue("Content-Type").orElse(null),
        response.headers().firstValue("ETag").orElse(null));
  }

  /** Percent-encodes one path segment, so that a name can never reach another route. */
  static String segment(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a path part must not be empty");
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private <T> T send(String method, String path, Map<String, String> query, Object body, JavaType type) {
    return exchange(method, path, entries(query), Map.of(), body, type);
  }

  private static List<Map.Entry<String, String>> entries(Map<String, String> query) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    query.forEach((name, value) -> {
      if (value != null) {
        entries.add(Map.entry(name, value));
      }
    });
    return entries;
  }

  private HttpResponse<byte[]> call(String method, String path, List<Map.Entry<String, String>> query,
      Map<String, String> headers, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path, query))
            .timeout(timeout)
            .header("Accept", "application/json, application/problem+json")
            .header("User-Agent", userAgent);
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (requestId != null) {
      request.header("X-Request-Id", requestId);
    }
    headers.forEach(request::header);
    if (body instanceof Raw raw) {
      request.header("Content-Type", raw.contentType());
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(raw.bytes()));
    } else if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> response = roundTrip(request.build());
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw Problems.from(status, response.headers(), response.body(), MAPPER);
    }
    return response;
  }

  private <T> T read(HttpResponse<byte[]> response, JavaType type) {
    try {
      return MAPPER.readValue(response.body(), type);
    } catch (IOException e) {
      throw new AegisClientException(
          "Aegis at " + displayUrl() + " answered " + response.statusCode()
              + " with a body this client cannot read: " + e.getMessage(),
          e);
    }
  }

  private URI uri(String path, List<Map.Entry<String, String>> query) {
    StringBuilder text = new StringBuilder(base).append(path);
    if (!query.isEmpty()) {
      StringJoiner params = new StringJoiner("&", "?", "");
      query.forEach(
          param -> params.add(param.getKey() + "=" + URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8)));
      text.append(params);
    }
    return URI.create(text.toString());
  }

  private static byte[] write(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request body as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private HttpResponse<byte[]> roundTrip(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(e);
    } catch (HttpTimeoutException e) {
      throw new AegisConnectionException(
          baseUrl, "Aegis at " + displayUrl() + " did not answer within " + seconds(timeout), e);
    } catch (ConnectException e) {
      throw unreachable(e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException) {
        throw unreachable(e);
      }
      throw new AegisConnectionException(
          baseUrl, "lost the connection to Aegis at " + displayUrl() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AegisClientException("interrupted while waiting for Aegis at " + displayUrl(), e);
    }
  }

  private AegisConnectionException unreachable(IOException cause) {
    return new AegisConnectionException(
        baseUrl,
        "cannot reach Aegis at " + displayUrl() + ": is the server running? start it with ./aegis server",
        cause);
  }

  /** The base URL without any user info, so that a password in it never reaches a message. */
  String displayUrl() {
    if (baseUrl.getRawUserInfo() == null) {
      return base;
    }
    return base.replace(baseUrl.getRawUserInfo() + "@", "");
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

  /**
   * A streamed answer: the caller reads and closes the body.
   *
   * @param headers the response headers
   */
  record Streamed(InputStream body, HttpHeaders headers) {}

  /** A GET whose body is read as it arrives, for answers too long to hold; a problem answer is thrown. */
  Streamed stream(String path, Map<String, String> query) {
    StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach((name, value) -> params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path + params))
            .timeout(timeout)
            .header("Accept", "application/x-ndjson, application/json, application/problem+json")
            .header("User-Agent", userAgent)
            .GET();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (requestId != null) {
      request.header("X-Request-Id", requestId);
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(e);
    } catch (HttpTimeoutException e) {
      throw new AegisConnectionException(
          baseUrl, "Aegis at " + displayUrl() + " did not answer within " + seconds(timeout), e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnresolvedAddressException) {
        throw unreachable(e);
      }
      throw new AegisConnectionException(
          baseUrl, "lost the connection to Aegis at " + displayUrl() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AegisClientException("interrupted while waiting for Aegis at " + displayUrl(), e);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      try (InputStream body = response.body()) {
        throw Problems.from(status, response.headers(), body.readAllBytes(), MAPPER);
      } catch (IOException e) {
        throw new AegisConnectionException(
            baseUrl, "lost the connection to Aegis at " + displayUrl() + ": " + e.getMessage(), e);
      }
    }
    return new Streamed(response.body(), response.headers());
  }
}
