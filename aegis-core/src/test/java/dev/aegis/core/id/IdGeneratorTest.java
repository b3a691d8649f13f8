package dev.aegis.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {
  @Test
  void idsSortInCreationOrderEvenWithinOneMillisecond() {
    Clock frozen = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    IdGenerator ids = new IdGenerator(frozen, new Random(1));
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      made.add(ids.next("ten"));
    }
    assertThat(made).isSorted().doesNotHaveDuplicates();
    assertThat(made.get(0)).matches("ten_[0-9a-z]{26}");
  }

  @Test
  void laterClockMeansLaterId() {
    IdGenerator early = new IdGenerator(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new Random(9));
    IdGenerator late = new IdGenerator(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), new Random(1));
    assertThat(early.next("key")).isLessThan(late.next("key"));
  }
}
