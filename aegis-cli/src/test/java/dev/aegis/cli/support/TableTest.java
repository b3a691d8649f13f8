package dev.aegis.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void alignsColumnsTwoSpacesApartWithoutTrailingSpaces() {
    List<String> lines =
        new Table().column("ID").flexibleColumn("NAME").column("N").row("a", "longer name", 1).row("bbb", "x", 22).render(80);

    assertThat(lines)
        .containsExactly(
            "ID   NAME         N", //
            "a    longer name  1",
            "bbb  x            22");
  }

  @Test
  void shortensOnlyFlexibleColumnsToFitTheWidth() {
    String id = "key_01jdabcdefghijklmnopqrstuv";
    List<String> lines =
        new Table()
            .column("ID")
            .flexibleColumn("NAME")
            .column("PREFIX")
            .flexibleColumn("ROLES")
            .row(id, "a-rather-long-name-for-a-key-that-goes-on", "aegis_abcdefgh", "agent,operator,approver,admin")
            .render(80);

    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    assertThat(lines.get(1)).startsWith(id + "  a-rather-").contains("...").contains("aegis_abcdefgh");
  }

  @Test
  void keepsFixedColumnsWholeEvenWhenTooWide() {
    List<String> lines = new Table().column("ID").flexibleColumn("NAME").row("x".repeat(50), "y".repeat(50)).render(40);

    assertThat(lines.get(1)).startsWith("x".repeat(50) + "  yyy");
  }

  @Test
  void neverPrintsALineBreakInsideACell() {
    List<String> lines = new Table().column("A").row("one\ntwo").render(80);

    assertThat(lines).containsExactly("A", "one two");
  }

  @Test
  void fieldsAlignLabels() {
    assertThat(new Fields().add("id", "ten_1").add("last used", "never").add("x", null).render())
        .containsExactly("id         ten_1", "last used  never", "x");
  }
}
