package dev.aegis.cli.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.cli.support.UsageException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecideCommandTest {
  @Test
  void attributeValuesAreJsonWhenTheyParseAndTextOtherwise() {
    assertThat(DecideCommand.value("60")).isEqualTo(60);
    assertThat(DecideCommand.value("2.5")).isEqualTo(2.5);
    assertThat(DecideCommand.value("true")).isEqualTo(true);
    assertThat(DecideCommand.value("[\"a\",\"b\"]")).isEqualTo(List.of("a", "b"));
    assertThat(DecideCommand.value("\"0042\"")).isEqualTo("0042");
    assertThat(DecideCommand.value("partner.example.com")).isEqualTo("partner.example.com");
    assertThat(DecideCommand.value("true story")).as("trailing words make it text").isEqualTo("true story");
    assertThat(DecideCommand.value("null")).isEqualTo("null");
    assertThat(DecideCommand.value("")).isEqualTo("");
  }

  @Test
  void pairsKeepTheirOrderAndNeedAName() {
    assertThat(DecideCommand.pairs(List.of("b=1", "a=x=y", "c="), "--attr"))
        .containsExactly(Map.entry("b", "1"), Map.entry("a", "x=y"), Map.entry("c", ""));
    assertThatThrownBy(() -> DecideCommand.pairs(List.of("=1"), "--attr")).isInstanceOf(UsageException.class)
        .hasMessageContaining("--attr takes NAME=VALUE");
  }

  @Test
  void logTimesAreRfc3339OrBackFromNow() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    assertThat(DecisionsCommand.time("-15m", "--from", clock)).isEqualTo(Instant.parse("2026-11-25T11:45:00Z"));
    assertThat(DecisionsCommand.time("-7d", "--from", clock)).isEqualTo(Instant.parse("2026-11-18T12:00:00Z"));
    assertThat(DecisionsCommand.time("2026-11-24T08:00:00Z", "--to", clock))
        .isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    assertThat(DecisionsCommand.time(null, "--to", clock)).isNull();
    assertThatThrownBy(() -> DecisionsCommand.time("15m", "--from", clock)).isInstanceOf(UsageException.class)
        .hasMessageContaining("-15m");
  }
}
