package dev.aegis.core.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds every detected span in a text, resolves overlaps and writes the replacements. Immutable and thread-safe.
 */
final class TextRedactor {
  private static final Comparator<Found> STRONGEST_FIRST = Comparator.comparingInt(Found::priority).reversed()
      .thenComparing(Comparator.comparingInt(Found::length).reversed())
      .thenComparingInt(Found::start);

  private final List<Detector> builtIns = List.of(
      new MarkerDetector(),
      new PrivateKeyDetector(),
      new JwtDetector(),
      new ApiKeyDetector(),
      new BearerDetector(),
      new SecretFieldDetector(),
      new EmailDetector(),
      new IbanDetector(),
      new CardDetector(),
      new SsnDetector(),
      new IpDetector(),
      new PhoneDetector());
  private final List<CustomDetector> customs;
  private final KeyedHasher hasher;

  TextRedactor(Map<String, String> customPatterns, KeyedHasher hasher) {
    List<CustomDetector> list = new ArrayList<>();
    customPatterns.forEach((name, regex) -> list.add(new CustomDetector(name, regex)));
    this.customs = List.copyOf(list);
    this.hasher = hasher;
  }

  /**
   * The text with its detected spans replaced, or the same instance when there are none.
   *
   * @param secretsOnly replace only the secret kinds and tenant patterns (capture level {@code full})
   * @param tally counts what was replaced; may be null
   */
  String redact(String text, boolean secretsOnly, Tally tally) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    int flags = Prescan.scan(text);
    if (flags == 0 && customs.isEmpty()) {
      return text;
    }
    List<Found> found = new ArrayList<>(4);
    for (Detector detector : builtIns) {
      if ((detector.triggers() & flags) != 0 && (!secretsOnly || detector.secret())) {
        detector.find(text, found);
      }
    }
    for (CustomDetector custom : customs) {
      try {
        custom.find(text, found);
      } catch (BudgetedText.Exhausted e) {
        return hideWhole(text, tally);
      }
    }
    if (found.isEmpty()) {
      return text;
    }
    return replace(text, resolve(found), tally);
  }

  /** The whole value as one replacement: for deny-listed values and when a tenant pattern gave up. */
  String hideWhole(String value, Tally tally) {
    if (tally != null) {
      tally.add(RedactionKind.REDACTED.name());
    }
    return marker(RedactionKind.REDACTED.name(), hasher.tag(value));
  }

  String hideWhole(byte[] value, Tally tally) {
    if (tally != null) {
      tally.add(RedactionKind.REDACTED.name());
    }
    return marker(RedactionKind.REDACTED.name(), hasher.tag(value));
  }

  /** The non-overlapping spans to keep, in text order: stronger kinds first, then longer, then earlier. */
  private static List<Found> resolve(List<Found> found) {
    if (found.size() == 1) {
      return found;
    }
    found.sort(STRONGEST_FIRST);
    TreeMap<Integer, Found> kept = new TreeMap<>();
    for (Found f : found) {
      Map.Entry<Integer, Found> before = kept.floorEntry(f.start());
      Map.Entry<Integer, Found> after = kept.ceilingEntry(f.start());
      if ((before == null || before.getValue().end() <= f.start()) && (after == null || after.getKey() >= f.end())) {
        kept.put(f.start(), f);
      }
    }
    return new ArrayList<>(kept.values());
  }

  private String replace(String text, List<Found> spans, Tally tally) {
    StringBuilder out = null;
    int copied = 0;
    for (Found f : spans) {
      if (f.kind() == null) {
        continue; // an earlier replacement, kept as it is
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16);
      }
      out.append(text, copied, f.start()).append(marker(f.kind(), hasher.tag(f.normalized())));
      copied = f.end();
      if (tally != null) {
        tally.add(f.kind());
      }
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, text.length()).toString();
  }

  private static String marker(String kind, String tag) {
    return "<" + kind + ":" + tag + ">";
  }
}
