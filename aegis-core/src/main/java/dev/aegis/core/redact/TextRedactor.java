package dev.aegis.core.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds every detected span in a text, resolves overlaps and writes the replacements. Immutable and thread-safe.
 */
final class TextRedactor {
  private static final Comparator<Found> STRONGEST_FIRST = Comparator.comparingInt(Found::priority).reversed()
      .thenComparing(Comparator.comparingInt(Found::length).reversed())
      .thenComparingInt(Found::start);
  private static final Comparator<Found> BY_START =
      Comparator.comparingInt(Found::start).thenComparing(Comparator.comparingInt(Found::end).reversed());

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
    List<Found> found = null;
    for (Detector detector : builtIns) {
      if ((detector.triggers() & flags) != 0 && (!secretsOnly || detector.secret())) {
        found = detector.find(text, found);
      }
    }
    for (CustomDetector custom : customs) {
      try {
        found = custom.find(text, found);
      } catch (BudgetedText.Exhausted e) {
        return hideWhole(text, tally);
      }
    }
    if (found == null) {
      return text;
    }
    return replace(text, resolve(text, found), tally);
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

  /**
   * The spans to replace, in text order. Overlapping spans merge into one replacement over their union, so that no
   * part of any detected value survives; it takes the kind of the strongest span (a JWT after {@code Bearer} is a
   * JWT, an email-shaped GitHub token is an API key). Spans that touch an earlier replacement are dropped.
   */
  private static List<Found> resolve(String text, List<Found> found) {
    found.sort(BY_START);
    List<Found> markers = null;
    for (Found f : found) {
      if (f.kind() == null) {
        if (markers == null) {
          markers = new ArrayList<>();
        }
        markers.add(f);
      }
    }
    List<Found> out = new ArrayList<>(found.size());
    Found winner = null;
    int clusterStart = 0;
    int clusterEnd = 0;
    int marker = 0; // markers never overlap each other, so in start order they are also in end order
    for (Found f : found) {
      if (f.kind() == null) {
        continue;
      }
      if (markers != null) {
        while (marker < markers.size() && markers.get(marker).end() <= f.start()) {
          marker++;
        }
        if (marker < markers.size() && markers.get(marker).start() < f.end()) {
          continue;
        }
      }
      if (winner != null && f.start() < clusterEnd) {
        clusterEnd = Math.max(clusterEnd, f.end());
        if (STRONGEST_FIRST.compare(f, winner) < 0) {
          winner = f;
        }
        continue;
      }
      if (winner != null) {
        out.add(merged(text, winner, clusterStart, clusterEnd));
      }
      winner = f;
      clusterStart = f.start();
      clusterEnd = f.end();
    }
    if (winner != null) {
      out.add(merged(text, winner, clusterStart, clusterEnd));
    }
    return out;
  }

  private static Found merged(String text, Found winner, int start, int end) {
    if (winner.start() == start && winner.end() == end) {
      return winner;
    }
    return new Found(start, end, winner.kind(), winner.priority(), text.substring(start, end));
  }

  private String replace(String text, List<Found> spans, Tally tally) {
    StringBuilder out = null;
    int copied = 0;
    for (Found f : spans) {
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
