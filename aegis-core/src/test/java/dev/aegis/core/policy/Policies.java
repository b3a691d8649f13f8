package dev.aegis.core.policy;

import dev.aegis.core.policy.rate.InMemoryRateLimiter;
import dev.aegis.core.policy.rate.RateCaps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: documents from YAML text, snapshots, engines on a hand-moved clock, requests. */
final class Policies {
  static final String TENANT = "ten_test";

  private Policies() {}

  static String resource(String path) {
    try (InputStream in = Policies.class.getResourceAsStream("/policy/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PolicyDocument yaml(String text) {
    return PolicyParser.parse(text, PolicyFormat.YAML).orThrow();
  }

  /** A snapshot of the documents, each at version 1. */
  static PolicySet set(PolicyDocument... docs) {
    List<PolicySource> sources = new ArrayList<>();
    for (PolicyDocument d : docs) {
      sources.add(new PolicySource(d.policyId(), 1, d));
    }
    return PolicySet.of(sources);
  }

  static PolicyEngine engine(Clock clock, PolicySet set) {
    return new PolicyEngine(tenant -> set, new InMemoryRateLimiter(clock), new RateCaps(clock), clock);
  }

  static DecisionRequest request(String agent, String action, String connector, Map<String, Object> attributes) {
    return DecisionRequest.of(TENANT, agent, action, connector, attributes);
  }

  static DecisionRequest request(
      String agent, Map<String, String> labels, String taskType, String action, String connector) {
    return new DecisionRequest(TENANT, agent, labels, taskType, "run_1", null, action, connector, null, null);
  }

  static List<ReasonCode> codes(Decision d) {
    return d.reasons().stream().map(Reason::code).toList();
  }
}
