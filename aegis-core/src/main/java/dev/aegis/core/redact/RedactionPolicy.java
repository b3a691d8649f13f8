package dev.aegis.core.redact;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A tenant's redaction settings. Validated on construction, so a policy that exists can always build a
 * {@link Redactor}. {@link #toString()} never shows the hash key.
 *
 * @param captureLevel how much raw prompt and message content to keep; null means {@link CaptureLevel#HASH}
 * @param customPatterns extra kinds, name to Java regex, in the order given; a named group {@code value}, when
 *     present, marks the part to replace (so {@code emp=(?<value>\d+)} keeps {@code emp=})
 * @param allowKeys attribute-key globs ({@code *} matches anything) whose values are kept verbatim
 * @param denyKeys attribute-key globs whose values are replaced whole by {@code <REDACTED:...>}
 * @param hashKey the tenant's secret for the keyed hash in replacements, at least {@value #MIN_HASH_KEY_BYTES} bytes
 */
public record RedactionPolicy(
    CaptureLevel captureLevel,
    Map<String, String> customPatterns,
    List<String> allowKeys,
    List<String> denyKeys,
    byte[] hashKey) {
  public static final int MIN_HASH_KEY_BYTES = 16;
  public static final int MAX_CUSTOM_PATTERNS = 32;
  public static final int MAX_PATTERN_CHARS = 1_000;
  public static final int MAX_KEY_GLOBS = 256;
  public static final int MAX_GLOB_CHARS = 256;
  static final Pattern PATTERN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

  public RedactionPolicy {
    if (captureLevel == null) {
      captureLevel = CaptureLevel.HASH;
    }
    customPatterns = validatePatterns(customPatterns == null ? Map.of() : customPatterns);
    allowKeys = validateGlobs("allow_keys", allowKeys == null ? List.of() : allowKeys);
    denyKeys = validateGlobs("deny_keys", denyKeys == null ? List.of() : denyKeys);
    if (hashKey == null || hashKey.length < MIN_HASH_KEY_BYTES) {
      throw new InvalidRedactionPolicyException(
          "hash_key", "must be at least " + MIN_HASH_KEY_BYTES + " bytes; use 32 random bytes per tenant");
    }
    hashKey = hashKey.clone();
  }

  /** The defaults for a tenant: capture level {@code hash}, no extra patterns, only the built-in key lists. */
  public static RedactionPolicy defaults(byte[] hashKey) {
    return new RedactionPolicy(CaptureLevel.HASH, Map.of(), List.of(), List.of(), hashKey);
  }

  public RedactionPolicy withCaptureLevel(CaptureLevel level) {
    return new RedactionPolicy(level, customPatterns, allowKeys, denyKeys, hashKey);
  }

  public RedactionPolicy withCustomPattern(String name, String regex) {
    Map<String, String> more = new LinkedHashMap<>(customPatterns);
    more.put(name, regex);
    return new RedactionPolicy(captureLevel, more, allowKeys, denyKeys, hashKey);
  }

  public RedactionPolicy withAllowKeys(String... globs) {
    return new RedactionPolicy(captureLevel, customPatterns, List.of(globs), denyKeys, hashKey);
  }

  public RedactionPolicy withDenyKeys(String... globs) {
    return new RedactionPolicy(captureLevel, customPatterns, allowKeys, List.of(globs), hashKey);
  }

  /** A copy of the key; the policy's own copy never leaves it. */
  @Override
  public byte[] hashKey() {
    return hashKey.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RedactionPolicy that
        && captureLevel == that.captureLevel
        && customPatterns.equals(that.customPatterns)
        && allowKeys.equals(that.allowKeys)
        && denyKeys.equals(that.denyKeys)
        && MessageDigest.isEqual(hashKey, that.hashKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(captureLevel, customPatterns, allowKeys, denyKeys, Arrays.hashCode(hashKey));
  }

  @Override
  public String toString() {
    return "RedactionPolicy[captureLevel=" + captureLevel
        + ", customPatterns=" + customPatterns.keySet()
        + ", allowKeys=" + allowKeys
        + ", denyKeys=" + denyKeys
        + ", hashKey=(hidden)]";
  }

  private static Map<String, String> validatePatterns(Map<String, String> patterns) {
    if (patterns.size() > MAX_CUSTOM_PATTERNS) {
      throw new InvalidRedactionPolicyException(
          "custom_patterns", "at most " + MAX_CUSTOM_PATTERNS + " patterns, got " + patterns.size());
    }
    Set<String> labels = new HashSet<>();
    Map<String, String> copy = new LinkedHashMap<>();
    patterns.forEach((name, regex) -> {
      String setting = "custom_patterns." + name;
      if (name == null || !PATTERN_NAME.matcher(name).matches()) {
        throw new InvalidRedactionPolicyException(
            setting, "a pattern name is a letter then up to 31 letters, digits or underscores");
      }
      if (RedactionKind.isReserved(name) || name.equalsIgnoreCase(Redactor.NOT_CAPTURED_NAME)) {
        throw new InvalidRedactionPolicyException(setting, "'" + name + "' is the name of a built-in kind");
      }
      if (!labels.add(name.toUpperCase(Locale.ROOT))) {
        throw new InvalidRedactionPolicyException(setting, "another pattern has the same name, ignoring case");
      }
      if (regex == null || regex.isEmpty()) {
        throw new InvalidRedactionPolicyException(setting, "the pattern is empty");
      }
      if (regex.length() > MAX_PATTERN_CHARS) {
        throw new InvalidRedactionPolicyException(
            setting, "the pattern is " + regex.length() + " characters; at most " + MAX_PATTERN_CHARS);
      }
      Pattern compiled;
      try {
        compiled = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new InvalidRedactionPolicyException(
            setting, "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
      }
      if (compiled.matcher("").matches()) {
        throw new InvalidRedactionPolicyException(
            setting, "the pattern matches the empty string; it must match at least one character");
      }
      copy.put(name, regex);
    });
    return Collections.unmodifiableMap(copy);
  }

  private static List<String> validateGlobs(String setting, List<String> globs) {
    if (globs.size() > MAX_KEY_GLOBS) {
      throw new InvalidRedactionPolicyException(
          setting, "at most " + MAX_KEY_GLOBS + " entries, got " + globs.size());
    }
    List<String> copy = new ArrayList<>(globs.size());
    for (int i = 0; i < globs.size(); i++) {
      String glob = globs.get(i);
      if (glob == null
          || glob.isEmpty()
          || glob.length() > MAX_GLOB_CHARS
          || glob.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidRedactionPolicyException(setting + "[" + i + "]",
            "an attribute-key glob is 1 to " + MAX_GLOB_CHARS + " characters without spaces, such as user.*");
      }
      copy.add(glob);
    }
    return List.copyOf(copy);
  }
}
