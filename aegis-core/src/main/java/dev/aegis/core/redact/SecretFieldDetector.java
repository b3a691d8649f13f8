package dev.aegis.core.redact;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value of a credential-named field in text: {@code password=...}, {@code "client_secret": "..."},
 * {@code X-Api-Key: ...}, {@code DB_PASSWORD=...}, {@code ?access_token=...}. The name may carry a prefix
 * ({@code DB_}); the generic {@code token}, {@code pwd} and {@code id_token} must stand alone, so that
 * {@code max_token=...} or {@code cost_tokens: 12} are left alone. The value is at least 4 characters up to a quote,
 * space, {@code & , ;} or bracket; {@code null}, {@code true}, {@code false}, {@code none} and masks such as
 * {@code ********} are not secrets.
 */
final class SecretFieldDetector implements Detector {
  private static final Pattern FIELD = Pattern.compile(
      "(?i)(?:(?<![a-z0-9])(?:password|passwd|passphrase|secret|client[_\\-]?secret|secret[_\\-]?key"
          + "|secret[_\\-]?access[_\\-]?key|api[_\\-]?key|apikey|api[_\\-]?token|access[_\\-]?token"
          + "|refresh[_\\-]?token|auth[_\\-]?token|session[_\\-]?token|private[_\\-]?token)"
          + "|(?<![a-z0-9_])(?:pwd|token|id[_\\-]?token))"
          + "(?![a-z0-9])[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?([^\\s\"'&,;<>{}\\[\\]()]{4,})");
  /** How every field name above begins. */
  private static final Words FIRST_WORDS = new Words(
      "pass", "pwd", "secret", "client", "api", "access", "refresh", "auth", "session", "private", "token", "id");
  private static final Set<String> NOT_SECRETS = Set.of("null", "true", "false", "none", "undefined", "redacted");

  @Override
  public int triggers() {
    return Prescan.SECRET_WORD;
  }

  @Override
  public boolean secret() {
    return true;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    Anchored m = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (i > 0 && Prescan.isAlnum(s.charAt(i - 1)) || !FIRST_WORDS.at(s, i)) {
        continue;
      }
      m = m != null ? m : new Anchored(FIELD, s);
      if (!m.matchesAt(i)) {
        continue;
      }
      String value = m.group(1);
      if (NOT_SECRETS.contains(value.toLowerCase(Locale.ROOT)) || isMasked(value)) {
        continue;
      }
      out = Found.add(out, RedactionKind.SECRET, m.start(1), m.end(1), value);
    }
    return out;
  }

  /** {@code ********} or {@code xxxx}: already hidden by whoever wrote it. */
  private static boolean isMasked(String value) {
    char first = value.charAt(0);
    return (first == '*' || first == 'x' || first == 'X' || first == '•') && value.chars().allMatch(c -> c == first);
  }
}
