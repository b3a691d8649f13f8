package dev.aegis.core.redact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redacts personal data and secrets from telemetry before it is stored, under one tenant's {@link RedactionPolicy}.
 * Build one per policy and share it: it is immutable and thread-safe. Every detected span becomes
 * {@code <KIND:hhhhhhhh>}, the kind and a keyed hash of the normalized value, so equal values still correlate.
 */
public final class Redactor {
  /** The value stored for prompt or message content at capture level {@code none}. */
  public static final String NOT_CAPTURED = "<NOT_CAPTURED>";
  static final String NOT_CAPTURED_NAME = "NOT_CAPTURED";
  /** Nested lists and maps deeper than this are hidden whole. */
  static final int MAX_DEPTH = 8;

  private final RedactionPolicy policy;
  private final TextRedactor text;
  private final KeyRules keys;

  public Redactor(RedactionPolicy policy) {
    this.policy = policy;
    this.text = new TextRedactor(policy.customPatterns(), new KeyedHasher(policy.hashKey()));
    this.keys = new KeyRules(policy.allowKeys(), policy.denyKeys());
  }

  public RedactionPolicy policy() {
    return policy;
  }

  /** The text with every detected span replaced; the same instance when there is nothing to replace. */
  public String redact(String text) {
    return this.text.redact(text, false, null);
  }

  /** Like {@link #redact(String)}, and says what it replaced. */
  public RedactionResult redactWithReport(String text) {
    Tally tally = new Tally();
    String redacted = this.text.redact(text, false, tally);
    return new RedactionResult(redacted, tally.snapshot());
  }

  /**
   * One attribute or event value, decided by its key. Allow-listed keys keep their value; deny-listed keys get
   * {@code <REDACTED:...>}; content keys follow the capture level; every other string is redacted, numbers and
   * booleans are kept, byte arrays are hidden, lists and maps are handled element by element (a map's entries
   * under {@code key.entry}). Never returns null for a non-null value: unknown attributes are kept, redacted.
   */
  public Object redactAttribute(String key, Object value) {
    return attribute(key, value, null, 0);
  }

  /** All of a span's or event's attributes, in input order, and what was replaced in them. */
  public RedactedAttributes redactAttributes(Map<String, ?> attributes) {
    return redactAttributes(attributes, Map.of());
  }

  /**
   * Like {@link #redactAttributes(Map)}, followed by each of the extra entries whose key the attributes have no
   * value for, redacted alike: a span's attributes with its instrumentation scope, built as one map.
   */
  public RedactedAttributes redactAttributes(Map<String, ?> attributes, Map<String, ?> extras) {
    Tally tally = new Tally();
    Map<String, Object> out = null;
    int index = 0;
    for (Map.Entry<String, ?> entry : attributes.entrySet()) {
      Object before = entry.getValue();
      Object after = attribute(entry.getKey(), before, tally, 0);
      if (after != before && out == null) {
        out = copyOfFirst(attributes, index, extras.size());
      }
      if (out != null) {
        out.put(entry.getKey(), after);
      }
      index++;
    }
    for (Map.Entry<String, ?> extra : extras.entrySet()) {
      if (attributes.get(extra.getKey()) != null) {
        continue; // as putIfAbsent: a key the attributes hold without a value takes the extra's
      }
      if (out == null) {
        out = copyOfFirst(attributes, attributes.size(), extras.size());
      }
      out.put(extra.getKey(), attribute(extra.getKey(), extra.getValue(), tally, 0));
    }
    Map<String, Object> result =
        out == null ? Collections.unmodifiableMap(attributes) : Collections.unmodifiableMap(out);
    return new RedactedAttributes(result, tally.snapshot());
  }

  /** A new map, sized for all the attributes and extras, holding the first {@code count} attributes. */
  private static Map<String, Object> copyOfFirst(Map<String, ?> attributes, int count, int extras) {
    Map<String, Object> out = LinkedHashMap.newLinkedHashMap(attributes.size() + extras);
    int copied = 0;
    for (Map.Entry<String, ?> earlier : attributes.entrySet()) {
      if (copied++ == count) {
        break;
      }
      out.put(earlier.getKey(), earlier.getValue());
    }
    return out;
  }

  /** What may be stored of one raw prompt or message under the tenant's capture level. */
  public ContentCapture captureContent(String raw) {
    CaptureLevel level = policy.captureLevel();
    if (raw == null || level == CaptureLevel.NONE) {
      return new ContentCapture(level, null, null, Map.of());
    }
    String hash = KeyedHasher.sha256(raw);
    if (level == CaptureLevel.HASH) {
      return new ContentCapture(level, hash, null, Map.of());
    }
    Tally tally = new Tally();
    String kept = text.redact(raw, level == CaptureLevel.FULL, tally);
    return new ContentCapture(level, hash, kept, tally.snapshot());
  }

  private Object attribute(String key, Object value, Tally tally, int depth) {
    if (value == null) {
      return null;
    }
    return switch (keys.treatmentOf(key)) {
      case KEEP -> value;
      case HIDE -> hide(value, tally);
      case CONTENT -> content(value, tally, depth);
      case HIDDEN_CONTENT -> policy.captureLevel() == CaptureLevel.NONE ? NOT_CAPTURED : hide(value, tally);
      case SCAN -> scan(key, value, tally, depth);
    };
  }

  private Object scan(String key, Object value, Tally tally, int depth) {
    if (value instanceof String s) {
      return text.redact(s, false, tally);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof byte[] || depth >= MAX_DEPTH) {
      return hide(value, tally);
    }
    if (value instanceof List<?> list) {
      return eachOf(list, e -> e == null ? null : scan(key, e, tally, depth + 1));
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), attribute(key + "." + k, v, tally, depth + 1)));
      return Collections.unmodifiableMap(out);
    }
    return text.redact(String.valueOf(value), false, tally);
  }

  private Object content(Object value, Tally tally, int depth) {
    if (value instanceof List<?> list && depth < MAX_DEPTH) {
      return eachOf(list, e -> e == null ? null : content(e, tally, depth + 1));
    }
    String raw = value instanceof String s ? s : String.valueOf(value);
    return switch (policy.captureLevel()) {
      case NONE -> NOT_CAPTURED;
      case HASH -> KeyedHasher.sha256(raw);
      case REDACTED -> text.redact(raw, false, tally);
      case FULL -> text.redact(raw, true, tally);
    };
  }

  private String hide(Object value, Tally tally) {
    if (value instanceof byte[] bytes) {
      return text.hideWhole(bytes, tally);
    }
    return text.hideWhole(String.valueOf(value), tally);
  }

  /** The list with each element mapped; the same list when no element changed. */
  private static List<?> eachOf(List<?> list, java.util.function.UnaryOperator<Object> each) {
    List<Object> out = null;
    for (int i = 0; i < list.size(); i++) {
      Object before = list.get(i);
      Object after = each.apply(before);
      if (after != before && out == null) {
        out = new ArrayList<>(list.subList(0, i));
      }
      if (out != null) {
        out.add(after);
      }
    }
    return out == null ? list : Collections.unmodifiableList(out);
  }

  @Override
  public String toString() {
    return "Redactor[" + policy + "]";
  }
}
