package dev.aegis.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagesTest {
  @Test
  void followsCursorsUntilTheLastPageAndFetchesLazily() {
    List<PageQuery> asked = new ArrayList<>();
    var pages =
        List.of(
            new Page<>(List.of("a", "b"), "c1"), new Page<>(List.<String>of(), "c2"), new Page<>(List.of("c"), null));

    var stream =
        Pages.stream(
            query -> {
              asked.add(query);
              return pages.get(asked.size() - 1);
            },
            PageQuery.first(2));

    assertThat(asked).isEmpty();
    assertThat(stream.toList()).containsExactly("a", "b", "c");
    assertThat(asked)
        .containsExactly(new PageQuery(2, null), new PageQuery(2, "c1"), new PageQuery(2, "c2"));
  }

  @Test
  void stopsAfterTheFirstItemsWhenOnlyThoseAreUsed() {
    List<PageQuery> asked = new ArrayList<>();

    var first =
        Pages.stream(
                query -> {
                  asked.add(query);
                  return new Page<>(List.of("x"), "more");
                },
                PageQuery.first())
            .limit(1)
            .toList();

    assertThat(first).containsExactly("x");
    assertThat(asked).hasSize(1);
  }
}
