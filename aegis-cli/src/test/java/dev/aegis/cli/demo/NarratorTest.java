package dev.aegis.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class NarratorTest {
  @Test
  void wrapsAtSpacesAndGivesLongWordsTheirOwnLine() {
    assertThat(Narrator.wrap("one two three four", 9)).containsExactly("one two", "three", "four");
    assertThat(Narrator.wrap("a key_01jdabcdefghijklmnopqrstuv b", 10))
        .containsExactly("a", "key_01jdabcdefghijklmnopqrstuv", "b");
  }

  @Test
  void chaptersAreNumberedAndUnderlined() {
    StringWriter text = new StringWriter();
    new Narrator(new PrintWriter(text)).chapter(2, "Who am I", "Why it matters.");

    assertThat(text.toString().lines()).containsExactly("", "2. Who am I", "-----------", "Why it matters.");
  }

  @Test
  void everyChapterHasATitleAndAReason() {
    assertThat(DemoChapters.all())
        .isNotEmpty()
        .allSatisfy(
            chapter -> {
              assertThat(chapter.title()).isNotBlank();
              assertThat(chapter.why()).isNotBlank();
            });
  }
}
