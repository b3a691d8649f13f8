package dev.aegis.core.redact;

import java.util.List;
import java.util.Map;

/**
 * IBANs, compact ({@code DE89370400440532013000}) or printed in groups ({@code DE89 3704 0044 0532 0130 00}):
 * a registered country code in capitals, two check digits, then capitals and digits (single spaces allowed) up to
 * exactly that country's length, passing ISO 13616 mod-97. Lower-case IBANs are not caught.
 */
final class IbanDetector implements Detector {
  /** The IBAN length of every country in the SWIFT IBAN registry. */
  private static final Map<String, Integer> LENGTHS = Map.ofEntries(
      Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
      Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
      Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
      Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
      Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
      Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
      Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HN", 28), Map.entry("HR", 21),
      Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
      Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
      Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
      Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
      Map.entry("MN", 20), Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28),
      Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28),
      Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22),
      Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24),
      Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25),
      Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29),
      Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

  @Override
  public int triggers() {
    return Prescan.IBAN;
  }

  @Override
  public boolean secret() {
    return false;
  }

  @Override
  public List<Found> find(String s, List<Found> out) {
    int n = s.length();
    for (int i = 0; i + 4 <= n; i++) {
      if (!Prescan.isUpper(s.charAt(i)) || !Prescan.isUpper(s.charAt(i + 1)) || !Prescan.isDigit(s.charAt(i + 2))
          || !Prescan.isDigit(s.charAt(i + 3)) || i > 0 && Prescan.isAlnum(s.charAt(i - 1))) {
        continue;
      }
      Integer length = LENGTHS.get(s.substring(i, i + 2));
      if (length == null) {
        continue;
      }
      StringBuilder compact = new StringBuilder(length);
      int j = i;
      while (j < n && compact.length() < length) {
        char c = s.charAt(j);
        if (Prescan.isUpper(c) || Prescan.isDigit(c)) {
          compact.append(c);
          j++;
        } else if (c == ' ' && j + 1 < n && j > i + 3 && isUpperOrDigit(s.charAt(j + 1))) {
          j++;
        } else {
          break;
        }
      }
      if (compact.length() == length && (j == n || !Prescan.isAlnum(s.charAt(j)))
          && Checksums.ibanMod97(compact)) {
        out = Found.add(out, RedactionKind.IBAN, i, j, compact.toString());
        i = j - 1;
      }
    }
    return out;
  }

  private static boolean isUpperOrDigit(char c) {
    return Prescan.isUpper(c) || Prescan.isDigit(c);
  }
}
