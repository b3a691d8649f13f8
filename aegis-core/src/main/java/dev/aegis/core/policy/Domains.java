package dev.aegis.core.policy;

import java.util.List;
import java.util.Locale;

/** Matching a domain against {@code allowed_domains}: an exact name, or {@code *.example.com} for its subdomains. */
public final class Domains {
  private Domains() {}

  /** Whether the domain (any case, an optional trailing dot) is allowed by one of the entries. */
  public static boolean allowed(String domain, List<String> allowed) {
    String d = domain.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    for (String a : allowed) {
      if (a.startsWith("*.") ? d.endsWith(a.substring(1)) && d.length() > a.length() - 1 : d.equals(a)) {
        return true;
      }
    }
    return false;
  }
}
