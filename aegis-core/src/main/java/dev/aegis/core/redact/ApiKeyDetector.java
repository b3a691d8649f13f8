package dev.aegis.core.redact;

import java.util.List;
import java.util.regex.Pattern;

/**
 * API keys in the published formats of common providers, found by their prefix: OpenAI and Anthropic
 * ({@code sk-}, {@code sk-proj-}, {@code sk-ant-}), AWS access key ids ({@code AKIA}, {@code ASIA}, {@code ABIA},
 * {@code ACCA}), GitHub ({@code ghp_ gho_ ghs_ ghu_ ghr_ github_pat_}), GitLab ({@code glpat-}), Slack
 * ({@code xoxb- xoxa- xoxp- xoxr- xoxs- xoxe-}), Stripe ({@code sk_ rk_ pk_} then {@code live_} or {@code test_}),
 * Google ({@code AIza}), Hugging Face ({@code hf_}), npm ({@code npm_}) and Aegis's own keys
 * ({@code aegis_<8>_<43>}).
 */
final class ApiKeyDetector implements Detector {
  private static final Pattern KEY = Pattern.compile(
      "(?<![A-Za-z0-9_\\-])(?:"
          + "sk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,}"
          + "|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}"
          + "|(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])"
          + "|gh[pousr]_[A-Za-z0-9]{36,}"
          + "|github_pat_[A-Za-z0-9_]{22,}"
          + "|glpat-[A-Za-z0-9_\\-]{20,}"
          + "|xox[baprse]-[A-Za-z0-9\\-]{10,}"
          + "|AIza[0-9A-Za-z_\\-]{35}(?![A-Za-z0-9_\\-])"
          + "|hf_[A-Za-z0-9]{30,}"
          + "|npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"
          + "|aegis_[a-z0-9]{8}_[A-Za-z0-9]{43}(?![A-Za-z0-9])"
          + ")");

  @Override
  public int triggers() {
    return Prescan.KEY_PREFIX;
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
      if (i > 0 && Prescan.isAlnum(s.charAt(i - 1)) || !Prescan.keyPrefixAt(s, i)) {
        continue;
      }
      m = m != null ? m : new Anchored(KEY, s);
      if (!m.matchesAt(i)) {
        continue;
      }
      String key = m.group(0);
      if (key.startsWith("sk-") && !hasLetterAndDigit(key, 3)) {
        continue; // a slug such as sk-learn-pipeline-service-account
      }
      out = Found.add(out, RedactionKind.API_KEY, m.start(0), m.end(0), key);
    }
    return out;
  }

  private static boolean hasLetterAndDigit(String key, int from) {
    boolean letter = false;
    boolean digit = false;
    for (int i = from; i < key.length(); i++) {
      char c = key.charAt(i);
      letter |= Character.isLetter(c);
      digit |= c >= '0' && c <= '9';
    }
    return letter && digit;
  }
}
