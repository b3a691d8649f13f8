package dev.aegis.server.auth;

import dev.aegis.core.auth.ApiKey;
import dev.aegis.core.auth.KeySecrets;
import dev.aegis.core.store.Store;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an {@code Authorization: Bearer <key>} header into a {@link Principal}, or a 401. Store failures propagate
 * (and become 503), so a request is never let through when the key cannot be checked.
 */
public final class Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
  private static final String BEARER = "bearer ";

  private final Store store;
  private final byte[] adminKeyDigest;
  private final Clock clock;
  private final LastUsed lastUsed = new LastUsed();

  public Authenticator(Store store, String adminKey, Clock clock) {
    this.store = store;
    this.adminKeyDigest = sha256(adminKey);
    this.clock = clock;
  }

  /** The caller named by the header; throws a 401 {@link ProblemException} when there is none or it is not valid. */
  public Principal authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw unauthenticated("No Authorization header; send 'Authorization: Bearer <api key>'.");
    }
    if (authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw unauthenticated("The Authorization header must be 'Bearer <api key>'.");
    }
    String secret = authorization.substring(BEARER.length()).strip();
    if (secret.isEmpty() || secret.chars().anyMatch(Character::isWhitespace)) {
      throw unauthenticated("The Authorization header must be 'Bearer <api key>'.");
    }
    // compare digests, so that neither the content nor the length of the admin key leaks through timing
    if (MessageDigest.isEqual(sha256(secret), adminKeyDigest)) {
      return Principal.systemAdmin();
    }
    Optional<String> prefix = KeySecrets.prefixOf(secret);
    if (prefix.isEmpty()) {
      throw unauthenticated("The key is not an Aegis API key; keys look like aegis_xxxxxxxx_... .");
    }
    Optional<ApiKey> found = store.keys().findByPrefix(prefix.get());
    if (found.isEmpty() || !KeySecrets.matches(secret, found.get().secretHash())) {
      throw unauthenticated("The key is not known; check it was copied whole, or create a new one.");
    }
    ApiKey key = found.get();
    if (!key.isActive()) {
      throw unauthenticated("The key " + key.prefix() + " was revoked; ask an admin for a new one.");
    }
    touch(key);
    return new Principal(key.tenantId(), key.id(), key.name(), key.roles(), false);
  }

  private void touch(ApiKey key) {
    Instant now = clock.instant();
    if (!lastUsed.claim(key.id(), key.lastUsedAt(), now)) {
      return;
    }
    try {
      store.keys().touch(key.id(), now);
    } catch (RuntimeException e) {
      // the key was checked; a lost last-used time is not worth failing the request
      LOG.warn("Could not record last use of key {}", key.id(), e);
    }
  }

  private static ProblemException unauthenticated(String detail) {
    return new ProblemException(ProblemType.UNAUTHENTICATED, detail, List.of(), Map.of("WWW-Authenticate", "Bearer"));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
