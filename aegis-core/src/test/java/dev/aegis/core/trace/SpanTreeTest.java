package dev.aegis.core.trace;

import static dev.aegis.core.trace.Spans.TRACE;
import static dev.aegis.core.trace.Spans.event;
import static dev.aegis.core.trace.Spans.span;
import static dev.aegis.core.trace.Spans.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.trace.SpanNode.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpanTreeTest {
  @Test
  void nestsChildrenUnderTheirParentsInStartOrderAndAnnotatesThem() {
    List<Span> spans = List.of(
        span("a", null, 0, 100),
        span("b", "a", 10, 20),
        span("c", "a", 30, 90),
        span("d", "c", 40, 50));
    PromptSnapshot prompt = new PromptSnapshot("ten_1", "run-1", TRACE, "b", "sha256:p", null, List.of(), "gpt-4o",
        null, Instant.EPOCH);
    RunEvent later = event("a", 1, 80, RunEvent.FALLBACK, Map.of());
    RunEvent earlier = event("a", 0, 5, RunEvent.STATE_TRANSITION, Map.of("from", "plan", "to", "act"));
    RunEvent stray = event("zz", 0, 1, RunEvent.POLICY_DECISION, Map.of("outcome", "deny"));

    SpanTree tree = SpanTree.build(spans, List.of(tool("c", "crm.lookup", 503, 30)), List.of(prompt),
        List.of(later, stray, earlier), 10);

    assertThat(tree.spanCount()).isEqualTo(4);
    assertThat(shape(tree)).containsExactly("a(root)", "  b", "  c", "    d");
    SpanNode a = tree.roots().get(0);
    assertThat(a.controlEvents()).containsExactly(earlier, later);
    assertThat(a.children().get(0).prompt()).isEqualTo(prompt);
    assertThat(a.children().get(1).toolCall().toolName()).isEqualTo("crm.lookup");
    assertThat(a.children().get(0).toolCall()).isNull();
    assertThat(tree.unattachedEvents()).containsExactly(stray);
  }

  @Test
  void spansWhoseParentWasNotReadBecomeOrphansAtTheTop() {
    List<Span> spans = List.of(
        span("a", null, 0, 100),
        span("x", "not-stored", 5, 10),
        span("y", "x", 6, 7),
        span("z", "also-missing", 50, 60));

    SpanTree tree = SpanTree.build(spans, List.of(), List.of(), List.of(), 10);

    assertThat(shape(tree)).containsExactly("a(root)", "x(orphan)", "  y", "z(orphan)");
  }

  @Test
  void theSameSpanIdInTwoTracesIsTwoSpans() {
    Span first = span("a", null, 0, 10);
    Span other = new Span("ten_1", "0af7651916cd43dd8448eb211c80319c", "a", null, "run-1", "other",
        first.kind(), first.category(), first.startUnixNanos(), first.endUnixNanos(), first.status(), null, null,
        Map.of(), Map.of(), List.of());

    SpanTree tree = SpanTree.build(List.of(first, other, first), List.of(), List.of(), List.of(), 10);

    assertThat(tree.spanCount()).isEqualTo(2);
    assertThat(tree.roots()).extracting(n -> n.span().name()).containsExactly("op-a", "other");
  }

  @Test
  void aLoopOfParentIdsIsCutAtOneSpanAndNothingIsLost() {
    List<Span> spans = List.of(
        span("ok", null, 0, 1),
        span("hanging", "p", 1, 2),
        span("p", "q", 2, 3),
        span("q", "p", 3, 4),
        span("self", "self", 4, 5));

    SpanTree tree = SpanTree.build(spans, List.of(), List.of(), List.of(), 10);

    assertThat(tree.spanCount()).isEqualTo(5);
    assertThat(shape(tree)).containsExactly("ok(root)", "self(cycle)", "p(cycle)", "  hanging", "  q");
  }

  @Test
  void aChainDeeperThanTheMaximumGoesOnAtTheTop() {
    List<Span> spans = new ArrayList<>();
    spans.add(span("s0", null, 0, 100));
    for (int i = 1; i < 7; i++) {
      spans.add(span("s" + i, "s" + (i - 1), i, 100));
    }

    SpanTree tree = SpanTree.build(spans, List.of(), List.of(), List.of(), 3);

    assertThat(shape(tree)).containsExactly(
        "s0(root)", "  s1", "    s2", "s3(continued)", "  s4", "    s5", "s6(continued)");
  }

  @Test
  void aTenThousandDeepChainBuildsWithoutRecursionAndKeepsEverySpan() {
    List<Span> spans = new ArrayList<>();
    spans.add(span("d0", null, 0, 1));
    for (int i = 1; i < 10_000; i++) {
      spans.add(span("d" + i, "d" + (i - 1), 0, 1));
    }

    SpanTree tree = SpanTree.build(spans, List.of(), List.of(), List.of(), SpanTree.DEFAULT_MAX_DEPTH);

    assertThat(tree.spanCount()).isEqualTo(10_000);
    assertThat(tree.roots()).hasSize(100);
    assertThat(tree.roots().get(0).link()).isEqualTo(Link.ROOT);
    assertThat(tree.roots().subList(1, 100)).allSatisfy(r -> assertThat(r.link()).isEqualTo(Link.CONTINUED));
    assertThat(allSpanIds(tree)).hasSize(10_000);
    assertThat(maxDepth(tree)).isEqualTo(100);
  }

  @Test
  void aTenThousandWideTreeKeepsItsChildrenInOrder() {
    List<Span> spans = new ArrayList<>();
    spans.add(span("root", null, 0, 20_000));
    for (int i = 0; i < 9_999; i++) {
      spans.add(span("w%05d".formatted(i), "root", 1 + i, 2 + i));
    }

    SpanTree tree = SpanTree.build(spans, List.of(), List.of(), List.of(), SpanTree.DEFAULT_MAX_DEPTH);

    assertThat(tree.roots()).hasSize(1);
    List<SpanNode> children = tree.roots().get(0).children();
    assertThat(children).hasSize(9_999);
    assertThat(children.get(0).span().spanId()).isEqualTo("w00000");
    assertThat(children.get(9_998).span().spanId()).isEqualTo("w09998");
  }

  @Test
  void anEmptyRunIsAnEmptyTreeAndTheDepthMustBePositive() {
    SpanTree tree = SpanTree.build(List.of(), List.of(), List.of(), List.of(), 1);
    assertThat(tree.roots()).isEmpty();
    assertThat(tree.spanCount()).isZero();
    assertThatThrownBy(() -> SpanTree.build(List.of(), List.of(), List.of(), List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Each node as its span id, indented two spaces per level, with the link of top-level nodes. */
  static List<String> shape(SpanTree tree) {
    List<String> out = new ArrayList<>();
    for (SpanNode root : tree.roots()) {
      shape(root, 0, out);
    }
    return out;
  }

  private static void shape(SpanNode node, int level, List<String> out) {
    out.add("  ".repeat(level) + node.span().spanId() + (level == 0 ? "(" + node.link().wireName() + ")" : ""));
    node.children().forEach(c -> shape(c, level + 1, out));
  }

  private static Set<String> allSpanIds(SpanTree tree) {
    Set<String> ids = new HashSet<>();
    List<SpanNode> stack = new ArrayList<>(tree.roots());
    while (!stack.isEmpty()) {
      SpanNode node = stack.removeLast();
      assertThat(ids.add(node.span().spanId())).as("each span once").isTrue();
      stack.addAll(node.children());
    }
    return ids;
  }

  private static int maxDepth(SpanTree tree) {
    int max = 0;
    for (SpanNode root : tree.roots()) {
      SpanNode node = root;
      int depth = 1;
      while (!node.children().isEmpty()) {
        node = node.children().get(0);
        depth++;
      }
      max = Math.max(max, depth);
    }
    return max;
  }
}
