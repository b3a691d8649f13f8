package dev.aegis.core.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expression tried only at start positions that a cheap test picked, instead of at every index of the text as
 * {@link Matcher#find()} does. Lookbehinds still see the text before the start.
 */
final class Anchored {
  private final Matcher matcher;
  private final int length;
  private int resumeAt;

  Anchored(Pattern pattern, String text) {
    this.matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    this.length = text.length();
  }

  /** Whether the expression matches from {@code start}; positions inside its previous match are skipped. */
  boolean matchesAt(int start) {
    if (start < resumeAt) {
      return false;
    }
    matcher.region(start, length);
    if (matcher.lookingAt()) {
      resumeAt = matcher.end();
      return true;
    }
    return false;
  }

  int start(int group) {
    return matcher.start(group);
  }

  int end(int group) {
    return matcher.end(group);
  }

  String group(int group) {
    return matcher.group(group);
  }
}
