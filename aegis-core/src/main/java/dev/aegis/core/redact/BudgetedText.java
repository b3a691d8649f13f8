package dev.aegis.core.redact;

/**
 * A text that lets a regular expression read only so many characters. Tenant patterns run over it, so that a
 * pattern with catastrophic backtracking ({@code (a+)+$}) stops within a bounded time instead of holding a core.
 */
final class BudgetedText implements CharSequence {
  /** Character reads allowed per character of text, plus a floor; generous for any sane pattern. */
  static final int READS_PER_CHAR = 200;
  static final int MIN_READS = 100_000;

  private final String text;
  private long remaining;

  BudgetedText(String text) {
    this.text = text;
    this.remaining = (long) READS_PER_CHAR * text.length() + MIN_READS;
  }

  @Override
  public char charAt(int index) {
    if (--remaining < 0) {
      throw new Exhausted();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }

  /** The pattern used up its budget; the caller fails closed. */
  static final class Exhausted extends RuntimeException {
    Exhausted() {
      super("a tenant pattern read too many characters", null, false, false);
    }
  }
}
