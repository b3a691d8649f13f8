package dev.aegis.core.redact;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's own pattern. It runs on every text (no prescan can know what it looks for) over a
 * {@link BudgetedText}; when the budget runs out, {@link BudgetedText.Exhausted} propagates and the caller hides the
 * whole text.
 */
final class CustomDetector implements Detector {
  /** Names a merged span over the tenant-neutral kinds, but not over tokens, keys and JWTs. */
  static final int PRIORITY = 75;
  private static final String VALUE_GROUP = "value";

  private final String kind;
  private final Pattern pattern;
  private final boolean valueGroup;

  CustomDetector(String name, String regex) {
    this.kind = name.toUpperCase(Locale.ROOT);
    this.pattern = Pattern.compile(regex);
    this.valueGroup = pattern.namedGroups().containsKey(VALUE_GROUP);
  }

  String kind() {
    return kind;
  }

  @Override
  public int triggers() {
    return 0;
  }

  @Override
  public boolean secret() {
    return true;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    Matcher m = pattern.matcher(new BudgetedText(s));
    while (m.find()) {
      int start = valueGroup ? m.start(VALUE_GROUP) : m.start();
      int end = valueGroup ? m.end(VALUE_GROUP) : m.end();
      if (start >= 0 && end > start) {
        out = Found.add(out, new Found(start, end, kind, PRIORITY, s.substring(start, end)));
      }
    }
    return out;
  }
}
