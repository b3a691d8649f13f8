package dev.aegis.cli.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One object shown as "label  value" lines, labels aligned: what {@code show} commands print. */
public final class Fields {
  private final Map<String, String> fields = new LinkedHashMap<>();

  public Fields add(String label, Object value) {
    fields.put(label, value == null ? "" : value.toString());
    return this;
  }

  public List<String> render() {
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
    List<String> lines = new ArrayList<>();
    fields.forEach((label, value) -> lines.add((label + " ".repeat(width - label.length()) + "  " + value).stripTrailing()));
    return lines;
  }
}
