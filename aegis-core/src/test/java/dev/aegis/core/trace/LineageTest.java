package dev.aegis.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunStatus;
import dev.aegis.core.trace.Lineage.End;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineageTest {
  private static Run run(String id, String parent) {
    return new Run("ten_1", id, "t", parent, null, null, null, null, null, null, null, null, null, RunStatus.OK,
        Instant.EPOCH, Instant.EPOCH, 0, 0, 0, 1, 0, 0, List.of());
  }

  @Test
  void saysWhyTheChainEnds() {
    Run leaf = run("leaf", "mid");
    Run mid = run("mid", "root");
    Run root = run("root", null);

    Lineage complete = Lineage.of(leaf, List.of(mid, root), 10);
    assertThat(complete.end()).isEqualTo(End.ROOT);
    assertThat(complete.root(leaf)).isEqualTo(root);

    assertThat(Lineage.of(root, List.of(), 10).end()).isEqualTo(End.ROOT);
    assertThat(Lineage.of(root, List.of(), 10).root(root)).isEqualTo(root);
    assertThat(Lineage.of(leaf, List.of(), 10).end()).isEqualTo(End.MISSING_PARENT);
    assertThat(Lineage.of(leaf, List.of(mid), 1).end()).isEqualTo(End.MAX_DEPTH);
    assertThat(Lineage.of(leaf, List.of(mid), 1).root(leaf)).isNull();
    assertThat(Lineage.of(leaf, List.of(mid), 5).end()).isEqualTo(End.MISSING_PARENT);
    assertThat(Lineage.of(run("x", "y"), List.of(run("y", "x")), 5).end()).isEqualTo(End.CYCLE);
    assertThat(Lineage.of(run("s", "s"), List.of(), 5).end()).isEqualTo(End.CYCLE);
  }
}
