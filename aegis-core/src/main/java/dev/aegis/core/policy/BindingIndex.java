package dev.aegis.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the policies bound to an agent and task type without looking at every binding: exact agent ids in a hash
 * map, globs by their literal prefix (one lookup per distinct prefix length), label selectors by their first
 * label, task-type-only bindings by exact task type. Every candidate is then checked in full.
 */
final class BindingIndex {
  private record Entry(CompiledPolicy policy, Binding binding) {}

  private final Map<String, List<Entry>> byAgent = new HashMap<>();
  private final Map<String, List<Entry>> byGlobPrefix = new HashMap<>();
  private final int[] globPrefixLengths;
  private final Map<String, List<Entry>> byLabel = new HashMap<>();
  private final Map<String, List<Entry>> byTaskType = new HashMap<>();
  private final List<Entry> scanned = new ArrayList<>();
  private final List<CompiledPolicy> unbound = new ArrayList<>();

  BindingIndex(List<CompiledPolicy> policies) {
    Set<Integer> lengths = new TreeSet<>();
    for (CompiledPolicy p : policies) {
      if (p.document == null) {
        continue;
      }
      if (p.document.bindings().isEmpty()) {
        unbound.add(p);
        continue;
      }
      for (Binding b : p.document.bindings()) {
        Entry e = new Entry(p, b);
        if (b.agent() != null && !Glob.isGlob(b.agent())) {
          add(byAgent, b.agent(), e);
        } else if (b.agent() != null) {
          String prefix = Glob.literalPrefix(b.agent());
          lengths.add(prefix.length());
          add(byGlobPrefix, prefix, e);
        } else if (!b.labels().isEmpty()) {
          Map.Entry<String, String> first = b.labels().entrySet().iterator().next();
          add(byLabel, labelKey(first.getKey(), first.getValue()), e);
        } else if (b.taskTypes().stream().noneMatch(Glob::isGlob)) {
          b.taskTypes().forEach(t -> add(byTaskType, t, e));
        } else {
          scanned.add(e);
        }
      }
    }
    globPrefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The policies bound to the agent and task type, each once, in the order they were given. */
  List<CompiledPolicy> bound(String agentId, Map<String, String> labels, String taskType) {
    Set<CompiledPolicy> out = new LinkedHashSet<>(unbound);
    check(byAgent.get(agentId), agentId, labels, taskType, out);
    for (int length : globPrefixLengths) {
      if (length > agentId.length()) {
        break;
      }
      check(byGlobPrefix.get(agentId.substring(0, length)), agentId, labels, taskType, out);
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      check(byLabel.get(labelKey(label.getKey(), label.getValue())), agentId, labels, taskType, out);
    }
    if (taskType != null) {
      check(byTaskType.get(taskType), agentId, labels, taskType, out);
    }
    check(scanned, agentId, labels, taskType, out);
    return new ArrayList<>(out);
  }

  private static void check(
      List<Entry> entries, String agentId, Map<String, String> labels, String taskType, Set<CompiledPolicy> out) {
    if (entries == null) {
      return;
    }
    for (Entry e : entries) {
      if (!out.contains(e.policy) && e.binding.matches(agentId, labels, taskType)) {
        out.add(e.policy);
      }
    }
  }

  private static void add(Map<String, List<Entry>> map, String key, Entry e) {
    map.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
  }

  private static String labelKey(String key, String value) {
    return key + "\u0000" + value;
  }
}
