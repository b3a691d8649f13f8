package dev.aegis.core.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {
  @Test
  void roundTripsAnId() {
    String cursor = Cursor.encode("key_01jdabc");
    assertThat(cursor).doesNotContain("key_").doesNotContain("=");
    assertThat(Cursor.decode(cursor)).contains("key_01jdabc");
  }

  @Test
  void rejectsTextItDidNotIssue() {
    assertThat(Cursor.decode(null)).isEmpty();
    assertThat(Cursor.decode("")).isEmpty();
    assertThat(Cursor.decode("!!!")).isEmpty();
    assertThat(Cursor.decode("a2V5XzAx")).isEmpty(); // "key_01" without the version mark
    assertThat(Cursor.decode(Cursor.encode(""))).isEmpty();
  }

  @Test
  void overfetchedRowsMakeAPageWithANextId() {
    Page<String> more = Page.fromOverfetch(List.of("a", "b", "c"), 2, s -> s);
    assertThat(more.items()).containsExactly("a", "b");
    assertThat(more.nextAfterId()).isEqualTo("b");

    Page<String> last = Page.fromOverfetch(List.of("a", "b"), 2, s -> s);
    assertThat(last.nextAfterId()).isNull();
  }

  @Test
  void limitsAreBounded() {
    assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PageRequest.first(PageRequest.MAX_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
