package dev.aegis.core.trace;

import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.ToolCall;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spans arranged as the tree their parent ids describe, each annotated with its tool call, prompt snapshot and
 * control events. Built in time and memory linear in the number of spans, without recursion, so a 10,000-span
 * trace or a 10,000-deep chain costs the same as its size.
 *
 * <p>Every span read is in the tree exactly once. Spans whose parent was not read are {@link SpanNode.Link#ORPHAN
 * orphans} at the top; a subtree deeper than {@code maxDepth} levels goes on at the top as
 * {@link SpanNode.Link#CONTINUED}, so that the tree never nests deeper than a JSON writer and a reader can follow;
 * a loop of parent ids is cut at one of its spans ({@link SpanNode.Link#CYCLE}).
 *
 * @param roots the top-level nodes: roots and orphans by start time, then continued subtrees and cut loops in the
 *     order they were found
 * @param spanCount how many spans the tree holds
 * @param unattachedEvents control events whose span is not in the tree, by time
 */
public record SpanTree(List<SpanNode> roots, int spanCount, List<RunEvent> unattachedEvents) {
  /** The most levels a tree nests unless told otherwise. */
  public static final int DEFAULT_MAX_DEPTH = 100;

  private static final Comparator<RunEvent> BY_TIME =
      Comparator.comparing(RunEvent::time).thenComparing(RunEvent::spanId).thenComparingInt(RunEvent::seq);

  public SpanTree {
    roots = List.copyOf(roots);
    unattachedEvents = List.copyOf(unattachedEvents);
  }

  /**
   * Builds the tree.
   *
   * @param spans the spans, by start time then span id (as the store reads them); a repeated span is kept once
   * @param toolCalls tool calls, matched to their span by trace and span id
   * @param prompts prompt snapshots, matched the same way
   * @param events control events, matched the same way
   * @param maxDepth the most levels of nesting, at least 1
   */
  public static SpanTree build(List<Span> spans, List<ToolCall> toolCalls, List<PromptSnapshot> prompts,
      List<RunEvent> events, int maxDepth) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
    }
    // spans are found by span id, and only then by trace: one trace is the rule, so one hash lookup finds a span
    Map<String, Node> bySpanId = HashMap.newHashMap(spans.size());
    List<Node> nodes = new ArrayList<>(spans.size());
    for (Span span : spans) {
      Node node = new Node(span);
      Node sameId = bySpanId.putIfAbsent(span.spanId(), node);
      if (sameId == null) {
        nodes.add(node);
      } else if (find(sameId, span.traceId()) == null) {
        node.sameId = sameId.sameId;
        sameId.sameId = node;
        nodes.add(node);
      }
    }

    List<Node> roots = new ArrayList<>();
    for (Node node : nodes) {
      String parentId = node.span.parentSpanId();
      Node parent = parentId == null ? null : find(bySpanId.get(parentId), node.span.traceId());
      if (parentId == null) {
        node.link = SpanNode.Link.ROOT;
        roots.add(node);
      } else if (parent == null) {
        node.link = SpanNode.Link.ORPHAN;
        roots.add(node);
      } else if (parent == node) {
        node.link = SpanNode.Link.CYCLE;
        roots.add(node);
      } else {
        node.parent = parent;
        parent.children.add(node);
      }
    }

    List<Node> preorder = new ArrayList<>(nodes.size());
    walk(roots, 0, preorder, maxDepth);
    if (preorder.size() < nodes.size()) {
      for (Node node : nodes) {
        if (!node.visited) {
          Node cut = onLoop(node);
          cut.parent.children.remove(cut);
          cut.parent = null;
          cut.link = SpanNode.Link.CYCLE;
          int from = roots.size();
          roots.add(cut);
          walk(roots, from, preorder, maxDepth);
        }
      }
    }

    for (ToolCall tool : toolCalls) {
      Node node = find(bySpanId.get(tool.spanId()), tool.traceId());
      if (node != null && node.toolCall == null) {
        node.toolCall = tool;
      }
    }
    for (PromptSnapshot prompt : prompts) {
      Node node = find(bySpanId.get(prompt.spanId()), prompt.traceId());
      if (node != null && node.prompt == null) {
        node.prompt = prompt;
      }
    }
    List<RunEvent> unattached = new ArrayList<>();
    for (RunEvent event : events) {
      Node node = find(bySpanId.get(event.spanId()), event.traceId());
      if (node == null) {
        unattached.add(event);
      } else {
        if (node.events.isEmpty()) {
          node.events = new ArrayList<>(2);
        }
        node.events.add(event);
      }
    }
    unattached.sort(BY_TIME);

    // children first: every child comes after its parent in preorder
    for (int i = preorder.size() - 1; i >= 0; i--) {
      Node node = preorder.get(i);
      SpanNode[] children = new SpanNode[node.children.size()];
      for (int c = 0; c < children.length; c++) {
        children[c] = node.children.get(c).built;
      }
      if (node.events.size() > 1) {
        node.events.sort(BY_TIME);
      }
      node.built = new SpanNode(node.span, node.link, node.toolCall, node.prompt, node.events, List.of(children));
    }
    List<SpanNode> top = new ArrayList<>(roots.size());
    roots.forEach(r -> top.add(r.built));
    return new SpanTree(top, preorder.size(), unattached);
  }

  /** The node among those with one span id (linked by {@code sameId}) whose span is of this trace, or null. */
  private static Node find(Node sameId, String traceId) {
    for (Node node = sameId; node != null; node = node.sameId) {
      if (node.span.traceId().equals(traceId)) {
        return node;
      }
    }
    return null;
  }

  /**
   * Visits the roots from {@code from} on, depth first, marking and listing each node in preorder. A node at the
   * last allowed level hands its children to the top as continued roots, which this same loop then visits.
   */
  private static void walk(List<Node> roots, int from, List<Node> preorder, int maxDepth) {
    List<Node> stack = new ArrayList<>();
    for (int r = from; r < roots.size(); r++) {
      Node root = roots.get(r);
      root.level = 0;
      stack.add(root);
      while (!stack.isEmpty()) {
        Node node = stack.removeLast();
        node.visited = true;
        preorder.add(node);
        if (node.children.isEmpty()) {
          continue;
        }
        if (node.level == maxDepth - 1) {
          for (Node child : node.children) {
            child.link = SpanNode.Link.CONTINUED;
            roots.add(child);
          }
          node.children.clear();
          continue;
        }
        for (int c = node.children.size() - 1; c >= 0; c--) {
          Node child = node.children.get(c);
          child.level = node.level + 1;
          stack.add(child);
        }
      }
    }
  }

  /**
   * A node on the loop above an unvisited node. An unvisited node has no root above it (the walk would have reached
   * it), so following parents must come back to a node already passed.
   */
  private static Node onLoop(Node start) {
    Set<Node> passed = Collections.newSetFromMap(new IdentityHashMap<>());
    Node node = start;
    while (passed.add(node)) {
      node = node.parent;
    }
    return node;
  }

  /** A span while the tree is assembled. */
  private static final class Node {
    final Span span;
    final List<Node> children = new ArrayList<>(2);
    /** The next node with the same span id, of another trace. */
    Node sameId;
    ToolCall toolCall;
    PromptSnapshot prompt;
    List<RunEvent> events = List.of();
    Node parent;
    SpanNode.Link link = SpanNode.Link.CHILD;
    int level;
    boolean visited;
    SpanNode built;

    Node(Span span) {
      this.span = span;
    }
  }
}
