package dev.aegis.core.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides what happens to an attribute's value from its key: the built-in lists, then the tenant's allow and deny
 * globs. Among matching globs the most specific wins (most literal characters); at a tie, deny wins. Content keys
 * (raw prompts and messages) follow the capture level instead, unless the tenant denies them.
 */
final class KeyRules {
  enum Treatment { KEEP, SCAN, HIDE, CONTENT, HIDDEN_CONTENT }

  /** Structural keys whose values are ids, names, counts or codes, never personal data. */
  static final List<String> BUILT_IN_ALLOW = List.of(
      "trace_id", "span_id", "parent_span_id", "trace.id", "span.id", "parent.span.id",
      "run.id", "run_id", "parent_run_id", "parent_run.id", "run.parent_id",
      "agent.id", "agent_id", "agent.version", "agent.name",
      "task.type", "task_type", "workflow.stage", "stage", "tenant.id",
      "model.name", "model", "prompt.hash", "response.hash",
      "gen_ai.system", "gen_ai.provider.name", "gen_ai.operation.name",
      "gen_ai.request.model", "gen_ai.response.model", "gen_ai.response.id", "gen_ai.response.finish_reasons",
      "gen_ai.request.max_tokens", "gen_ai.request.temperature", "gen_ai.request.top_p", "gen_ai.request.top_k",
      "gen_ai.request.seed", "gen_ai.request.frequency_penalty", "gen_ai.request.presence_penalty",
      "gen_ai.request.choice.count", "gen_ai.output.type", "gen_ai.usage.*",
      "gen_ai.tool.name", "gen_ai.tool.type", "gen_ai.tool.call.id", "gen_ai.agent.id", "gen_ai.agent.name",
      "gen_ai.conversation.id",
      "tool.name", "tool.call.id", "connector", "connector.name", "policy.id", "policy.version", "decision",
      "status_code", "latency_ms", "cost_tokens",
      "http.response.status_code", "http.status_code", "http.request.method", "http.method", "http.route",
      "url.scheme", "server.port", "network.protocol.name", "network.protocol.version",
      "rpc.system", "rpc.service", "rpc.method", "db.system", "db.system.name", "messaging.system",
      "otel.status_code", "otel.scope.name", "otel.scope.version", "error.type", "span.kind",
      "service.name", "service.version", "service.namespace", "deployment.environment",
      "deployment.environment.name", "deployment_env", "region", "cloud.provider", "cloud.region",
      "cloud.availability_zone", "host.arch", "os.type", "telemetry.sdk.*", "process.runtime.*");

  /** Keys whose values are credentials whatever they look like. */
  static final List<String> BUILT_IN_DENY = List.of(
      "http.request.header.authorization", "http.request.header.proxy-authorization",
      "http.request.header.cookie", "http.request.header.x-api-key", "http.response.header.set-cookie",
      "*password*", "*passwd*", "*secret*", "*api_key*", "*api-key*", "*apikey*",
      "*access_token*", "*refresh_token*", "*private_key*");

  /** Keys that carry raw prompt or message content; the capture level decides what of them is stored. */
  static final List<String> CONTENT = List.of(
      "gen_ai.prompt", "gen_ai.completion", "gen_ai.prompt.*.content", "gen_ai.completion.*.content",
      "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions",
      "gen_ai.tool.call.arguments", "gen_ai.tool.call.result",
      "input.value", "output.value", "*.message.content", "llm.prompts",
      "prompt", "completion", "content", "message.content");

  private static final int MAX_CACHED_KEYS = 10_000;

  private record Rule(Glob glob, boolean deny) {}

  private final List<Rule> rules = new ArrayList<>();
  private final List<Glob> content = new ArrayList<>();
  private final List<Glob> tenantDeny = new ArrayList<>();
  private final ConcurrentHashMap<String, Treatment> cache = new ConcurrentHashMap<>();

  KeyRules(List<String> allow, List<String> deny) {
    BUILT_IN_ALLOW.forEach(g -> rules.add(new Rule(new Glob(g), false)));
    BUILT_IN_DENY.forEach(g -> rules.add(new Rule(new Glob(g), true)));
    allow.forEach(g -> rules.add(new Rule(new Glob(g), false)));
    deny.forEach(g -> {
      rules.add(new Rule(new Glob(g), true));
      tenantDeny.add(new Glob(g));
    });
    CONTENT.forEach(g -> content.add(new Glob(g)));
  }

  Treatment treatmentOf(String key) {
    if (key == null) {
      return Treatment.SCAN;
    }
    Treatment cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Treatment decided = decide(key.toLowerCase(Locale.ROOT));
    if (cache.size() < MAX_CACHED_KEYS) {
      cache.put(key, decided);
    }
    return decided;
  }

  private Treatment decide(String key) {
    for (Glob glob : content) {
      if (glob.matches(key)) {
        return tenantDeny.stream().anyMatch(d -> d.matches(key)) ? Treatment.HIDDEN_CONTENT : Treatment.CONTENT;
      }
    }
    Rule best = null;
    for (Rule rule : rules) {
      if (rule.glob().matches(key)
          && (best == null
              || rule.glob().specificity() > best.glob().specificity()
              || rule.glob().specificity() == best.glob().specificity() && rule.deny() && !best.deny())) {
        best = rule;
      }
    }
    if (best == null) {
      return Treatment.SCAN;
    }
    return best.deny() ? Treatment.HIDE : Treatment.KEEP;
  }

  /** An attribute-key glob: {@code *} matches any run of characters, dots included; case is ignored. */
  static final class Glob {
    private final String[] parts;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;
    private final int specificity;

    Glob(String glob) {
      String lower = glob.toLowerCase(Locale.ROOT);
      this.anchoredStart = !lower.startsWith("*");
      this.anchoredEnd = !lower.endsWith("*");
      this.parts = java.util.Arrays.stream(lower.split("\\*")).filter(p -> !p.isEmpty()).toArray(String[]::new);
      this.specificity = lower.length() - (int) lower.chars().filter(c -> c == '*').count();
    }

    int specificity() {
      return specificity;
    }

    /** Whether the (lower-case) key matches. */
    boolean matches(String key) {
      if (parts.length == 0) {
        return !anchoredStart || key.isEmpty();
      }
      int from = 0;
      for (int p = 0; p < parts.length; p++) {
        String part = parts[p];
        boolean first = p == 0;
        boolean last = p == parts.length - 1;
        if (first && anchoredStart) {
          if (!key.startsWith(part)) {
            return false;
          }
          from = part.length();
        } else if (last && anchoredEnd) {
          return key.length() - part.length() >= from && key.endsWith(part);
        } else {
          int at = key.indexOf(part, from);
          if (at < 0) {
            return false;
          }
          from = at + part.length();
        }
        if (last && anchoredEnd) {
          return from == key.length();
        }
      }
      return true;
    }
  }
}
