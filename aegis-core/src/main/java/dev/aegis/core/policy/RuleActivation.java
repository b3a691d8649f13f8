package dev.aegis.core.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a rule condition sees (docs/policies.md lists them). Missing strings are empty, so that
 * {@code request.connector == 's3'} is false rather than an error; attribute values are turned into CEL's types
 * (whole numbers to int, other numbers to double, nested lists and maps likewise; nulls dropped).
 */
final class RuleActivation {
  private RuleActivation() {}

  static Map<String, Object> of(DecisionRequest r, Instant now) {
    String action = r.action();
    Map<String, Object> request = new HashMap<>();
    request.put("action", action);
    request.put("verb", Capability.verb(action));
    request.put("resource_type", Capability.resourceType(action));
    request.put("connector", orEmpty(r.connector()));
    request.put("resource", orEmpty(r.resource()));
    request.put("attributes", map(r.attributes()));
    Map<String, Object> agent = new HashMap<>();
    agent.put("id", r.agentId());
    agent.put("labels", new HashMap<String, Object>(r.agentLabels()));
    Map<String, Object> run = new HashMap<>();
    run.put("id", orEmpty(r.runId()));
    run.put("stage", orEmpty(r.stage()));
    Map<String, Object> vars = new HashMap<>();
    vars.put("request", request);
    vars.put("agent", agent);
    vars.put("run", run);
    vars.put("task_type", orEmpty(r.taskType()));
    vars.put("now", now);
    return vars;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Map<String, Object> map(Map<?, ?> in) {
    Map<String, Object> out = new HashMap<>();
    in.forEach((k, v) -> {
      Object value = value(v);
      if (k != null && value != null) {
        out.put(k.toString(), value);
      }
    });
    return out;
  }

  private static Object value(Object v) {
    return switch (v) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Long l -> l;
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Double d -> d;
      case Float f -> f.doubleValue();
      case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
      case BigDecimal b -> b.doubleValue();
      case Map<?, ?> m -> map(m);
      case Collection<?> c -> list(c);
      default -> v.toString();
    };
  }

  private static List<Object> list(Collection<?> in) {
    List<Object> out = new ArrayList<>(in.size());
    for (Object o : in) {
      Object value = value(o);
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }
}
