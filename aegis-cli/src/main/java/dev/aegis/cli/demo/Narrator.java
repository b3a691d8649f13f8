package dev.aegis.cli.demo;

import dev.aegis.client.AegisApiException;
import dev.aegis.client.FieldError;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints the demo's story: chapter headings, wrapped explanations, each call and what came back. */
final class Narrator {
  private static final int WIDTH = 78;
  private final PrintWriter out;

  Narrator(PrintWriter out) {
    this.out = out;
  }

  void heading(String text) {
    out.println(text);
    out.println("=".repeat(Math.min(text.length(), WIDTH)));
    out.flush();
  }

  void chapter(int number, String title, String why) {
    out.println();
    String heading = number + ". " + title;
    out.println(heading);
    out.println("-".repeat(heading.length()));
    paragraph(why, "");
  }

  /** Plain text, wrapped. */
  void say(String text) {
    paragraph(text, "");
  }

  /**
   * A request about to be sent and whose key it carries, such as {@code POST /api/v1/tenants {"name":"acme"}} as
   * {@code system admin key}; the key goes on a line of its own when both do not fit.
   */
  void call(String request, String as) {
    out.println();
    String together = "  " + request + "  (" + as + ")";
    if (together.length() <= WIDTH) {
      out.println(together);
    } else {
      paragraph(request, "  ", "      ");
      paragraph("(" + as + ")", "      ", "      ");
    }
    out.flush();
  }

  /** What came back from a call that worked: one fact per line, such as the id, then the prefix and roles. */
  void ok(String first, String... more) {
    paragraph("ok: " + first, "    ", "        ");
    for (String line : more) {
      paragraph(line, "        ", "        ");
    }
  }

  /** A labelled fact, not wrapped, labels aligned: {@code "    listening on  http://..."}. */
  void fact(String label, String value) {
    out.println("    " + label + " ".repeat(Math.max(1, 14 - label.length())) + value);
    out.flush();
  }

  /** A note under a result. */
  void note(String text) {
    paragraph(text, "    ", "    ");
  }

  /** A refusal, as the problem body told it. */
  void refused(AegisApiException problem) {
    paragraph(
        "refused as expected: " + problem.status() + " " + problem.kind() + ", \"" + problem.title() + "\"",
        "    ",
        "        ");
    if (problem.detail() != null && !problem.detail().isBlank()) {
      paragraph("detail: " + problem.detail(), "      ", "        ");
    }
    for (FieldError error : problem.errors()) {
      paragraph(error.location() + ": " + error.detail(), "      ", "        ");
    }
  }

  void blank() {
    out.println();
    out.flush();
  }

  void lines(List<String> lines) {
    lines.forEach(out::println);
    out.flush();
  }

  private void paragraph(String text, String indent) {
    paragraph(text, indent, indent);
  }

  /** Wrapped text: the first line after {@code indent}, the rest after {@code hanging}. */
  private void paragraph(String text, String indent, String hanging) {
    List<String> lines = wrap(text, WIDTH - Math.max(indent.length(), hanging.length()));
    for (int i = 0; i < lines.size(); i++) {
      out.println((i == 0 ? indent : hanging) + lines.get(i));
    }
    out.flush();
  }

  /** Breaks at spaces; a word longer than the width (an id, a URL) gets a line of its own. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append(word);
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
