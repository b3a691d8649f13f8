package dev.aegis.cli.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table with a header row, columns two spaces apart, that fits a terminal width by shortening the columns
 * marked flexible (names, roles) with "...". Fixed columns (ids, prefixes, times) are never cut.
 */
public final class Table {
  private static final String GAP = "  ";
  private static final String CUT = "...";
  private static final int MIN_FLEXIBLE = 6;

  private final List<String> headers = new ArrayList<>();
  private final List<Boolean> flexible = new ArrayList<>();
  private final List<String[]> rows = new ArrayList<>();

  /** A column that is never shortened. */
  public Table column(String header) {
    headers.add(header);
    flexible.add(false);
    return this;
  }

  /** A column that is shortened first when the table is too wide. */
  public Table flexibleColumn(String header) {
    headers.add(header);
    flexible.add(true);
    return this;
  }

  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("a row has " + headers.size() + " cells, got " + cells.length);
    }
    String[] text = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      text[i] = cells[i] == null ? "" : oneLine(cells[i].toString());
    }
    rows.add(text);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table as lines of at most {@code width} characters when the fixed columns allow it, without trailing spaces. */
  public List<String> render(int width) {
    int columns = headers.size();
    int[] widths = new int[columns];
    for (int c = 0; c < columns; c++) {
      widths[c] = headers.get(c).length();
      for (String[] row : rows) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    shrink(widths, width);
    List<String> lines = new ArrayList<>();
    lines.add(line(headers.toArray(String[]::new), widths));
    for (String[] row : rows) {
      lines.add(line(row, widths));
    }
    return lines;
  }

  private void shrink(int[] widths, int width) {
    int excess = Arrays.stream(widths).sum() + GAP.length() * (widths.length - 1) - width;
    while (excess > 0) {
      int widest = -1;
      for (int c = 0; c < widths.length; c++) {
        int floor = Math.max(MIN_FLEXIBLE, headers.get(c).length());
        if (flexible.get(c) && widths[c] > floor && (widest < 0 || widths[c] > widths[widest])) {
          widest = c;
        }
      }
      if (widest < 0) {
        return;
      }
      widths[widest]--;
      excess--;
    }
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      String cell = fit(cells[c], widths[c]);
      line.append(cell);
      if (c < cells.length - 1) {
        line.append(" ".repeat(widths[c] - cell.length())).append(GAP);
      }
    }
    return line.toString().stripTrailing();
  }

  private static String fit(String cell, int width) {
    if (cell.length() <= width) {
      return cell;
    }
    return cell.substring(0, Math.max(0, width - CUT.length())) + CUT;
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ");
  }
}
