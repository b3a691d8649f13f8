package dev.aegis.cli.demo;

import dev.aegis.cli.policy.PolicyViews;
import dev.aegis.client.AegisClient;
import dev.aegis.client.AppliedPolicy;
import dev.aegis.client.ApplyOptions;
import dev.aegis.client.CreatedKey;
import dev.aegis.client.Decision;
import dev.aegis.client.DecisionRequest;
import dev.aegis.client.Policy;
import dev.aegis.client.PolicyDiff;
import dev.aegis.client.Reason;
import dev.aegis.client.Role;
import dev.aegis.client.SourceFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Applies the product brief's policy verbatim, shows each kind of outcome through real decisions, then changes the
 * policy, diffs the versions and rolls back.
 */
final class PoliciesChapter implements DemoChapter {
  static final String POLICY_ID = "policy-agent-summarizer";
  /** The policy from the product brief, byte for byte. */
  static final String BRIEF_POLICY = """
      {
        "policy_id": "policy-agent-summarizer",
        "capabilities": ["read:documents", "write:summaries"],
        "connectors": {
          "s3": { "role": "read-only", "rate_limit_per_min": 120 },
          "db": { "role": "write-limited", "rate_limit_per_min": 30 }
        },
        "approval_thresholds": {
          "write:size_mb": 50,
          "write:external_domain": ["requires_approval"]
        }
      }
      """;
  /** The same policy in YAML, with a lower size threshold. */
  static final String STRICTER = """
      policy_id: policy-agent-summarizer
      capabilities: [read:documents, write:summaries]
      connectors:
        s3: {role: read-only, rate_limit_per_min: 120}
        db: {role: write-limited, rate_limit_per_min: 30}
      approval_thresholds:
        write:size_mb: 40
        write:external_domain: [requires_approval]
      """;
  private static final String AGENT = "summarizer-12";

  @Override
  public String title() {
    return "Policies: one decision point before every side effect";
  }

  @Override
  public String why() {
    return "Before an agent acts, it asks the decision point, which answers allow, deny, require_approval or "
        + "rate_limited, with reasons and the policy versions behind them. Policies are code: validated whole, "
        + "versioned, diffed and rolled back, never edited in place. Here: the brief's policy, verbatim.";
  }

  @Override
  public void run(Demo demo) {
    Narrator say = demo.narrator();
    String acme = demo.tenant("acme").name();
    AegisClient admin = demo.as("acme-admin");

    say.call("PUT /api/v1/policies/" + POLICY_ID + "  (application/json, the brief's text as is)", "as acme-admin");
    say.lines(BRIEF_POLICY.lines().map(line -> "      " + line).toList());
    AppliedPolicy applied = demo.expectOk("applying the brief's policy", () -> admin.policies().apply(POLICY_ID,
        BRIEF_POLICY, SourceFormat.JSON, ApplyOptions.none().withComment("the brief's policy")));
    Policy v1 = applied.policy();
    demo.check(applied.changed() && v1.version() == 1 && Policy.CREATE.equals(v1.change()),
        "the policy to be created as version 1");
    say.ok(v1.ref() + " created, in force at once", "no bindings, so it applies to every agent of " + acme);

    say.call("POST /api/v1/tenants/" + acme + "/keys {\"name\":\"summarizer\",\"roles\":[\"agent\"]}",
        "as acme-admin");
    CreatedKey key = demo.expectOk("creating the summarizer's agent key",
        () -> admin.keys().create(acme, "summarizer", Role.AGENT));
    demo.remember("summarizer", key);
    say.ok("key summarizer, id " + key.id(), "agents ask for decisions with their own key");

    say.blank();
    say.say("The agent " + AGENT + " asks before each action. Every answer below is a real decision, logged "
        + "with its reasons:");
    AegisClient agent = demo.as("summarizer");
    DecisionRequest write = DecisionRequest.of(AGENT, "write:summaries").withConnector("db");
    decide(demo, agent, DecisionRequest.of(AGENT, "read:documents").withConnector("s3"), Decision.ALLOW,
        "capability_granted");
    decide(demo, agent, write, Decision.ALLOW, "capability_granted");
    decide(demo, agent, DecisionRequest.of(AGENT, "delete:documents").withConnector("db"), Decision.DENY,
        "capability_not_granted");
    decide(demo, agent, write.withConnector("s3"), Decision.DENY, "connector_read_only");
    say.note("s3 is read-only: no write reaches it, although write:summaries is granted.");
    decide(demo, agent, write.withAttribute("size_mb", 60), Decision.REQUIRE_APPROVAL, "approval_threshold");
    decide(demo, agent, write.withAttribute("external_domain", "partner.example.com"), Decision.REQUIRE_APPROVAL,
        "approval_threshold");

    rateLimit(demo, agent);
    changeAndRollBack(demo, admin, agent, v1);
  }

  /** Asks for one decision, narrates it, and checks its outcome, first reason and policy version. */
  private static Decision decide(Demo demo, AegisClient agent, DecisionRequest request, String outcome,
      String reason) {
    return decide(demo, agent, request, outcome, reason, POLICY_ID + "@1");
  }

  private static Decision decide(Demo demo, AegisClient agent, DecisionRequest request, String outcome,
      String reason, String ref) {
    demo.narrator().call("POST /api/v1/decisions " + json(request), "as summarizer");
    Decision d = demo.expectOk("asking for a decision", () -> agent.decisions().decide(request));
    demo.check(outcome.equals(d.outcome()) && !d.reasons().isEmpty() && reason.equals(d.reasons().getFirst().code()),
        request.action() + " via " + request.connector() + " to be " + outcome + " (" + reason + "), was "
            + d.outcome() + " " + d.reasons().stream().map(Reason::code).toList());
    demo.check(d.policies().equals(List.of(ref)), "the decision to name " + ref + ", it named " + d.policies());
    Reason first = d.reasons().getFirst();
    demo.narrator().ok(d.outcome() + " (" + first.code() + "): " + first.message());
    return d;
  }

  /** A second instance sends 31 db writes in one batch; its own bucket holds 30 a minute. */
  private static void rateLimit(Demo demo, AegisClient agent) {
    Narrator say = demo.narrator();
    String other = "summarizer-13";
    say.blank();
    say.say("db allows 30 calls a minute per agent. Another instance, " + other + ", sends 31 writes to db in "
        + "one batch (decided in order, as if one after the other):");
    List<DecisionRequest> batch =
        new ArrayList<>(Collections.nCopies(31, DecisionRequest.of(other, "write:summaries").withConnector("db")));
    say.call("POST /api/v1/decisions/batch {\"requests\": [31 x " + json(batch.getFirst()) + "]}",
        "as summarizer");
    List<Decision> decided = demo.expectOk("a batch of decisions", () -> agent.decisions().decideAll(batch));
    demo.check(decided.size() == 31, "31 decisions, got " + decided.size());
    long allowed = decided.subList(0, 30).stream().filter(Decision::allowed).count();
    Decision last = decided.get(30);
    demo.check(allowed == 30, "the first 30 calls to be allowed, " + allowed + " were");
    demo.check(Decision.RATE_LIMITED.equals(last.outcome()) && last.retryAfterMs() != null
        && last.retryAfterMs() > 0 && last.retryAfterMs() <= 2000,
        "the 31st call to be rate_limited with a wait of at most 2000 ms (one token every 2 s), was "
            + last.outcome() + " " + last.retryAfterMs());
    say.ok("calls 1 to 30: allow", "call 31: rate_limited, retry_after_ms " + last.retryAfterMs(),
        last.reasons().getFirst().message());
    say.note("retry_after_ms is exact: the time until the next token, which comes back every 2 s (60 s / 30). "
        + "Denied and held calls spend none.");
  }

  private static void changeAndRollBack(Demo demo, AegisClient admin, AegisClient agent, Policy v1) {
    Narrator say = demo.narrator();
    say.blank();
    say.say("A change: the same policy in YAML, with approval above 40 MB instead of 50. Only if nobody changed it "
        + "since version 1 (If-Match):");
    say.call("PUT /api/v1/policies/" + POLICY_ID + "?comment=...  (application/yaml, If-Match: \"1\")",
        "as acme-admin");
    Policy v2 = demo.expectOk("applying the change", () -> admin.policies().apply(POLICY_ID, STRICTER,
        SourceFormat.YAML, ApplyOptions.none().withComment("approval above 40 MB").ifVersion(1))).policy();
    demo.check(v2.version() == 2, "version 2, was " + v2.version());
    say.ok(v2.ref() + " in force; @1 is kept as it was");

    say.call("GET /api/v1/policies/" + POLICY_ID + "/diff   (aegis policy diff " + POLICY_ID + ")", "as acme-admin");
    PolicyDiff diff = demo.expectOk("diffing the versions", () -> admin.policies().diff(POLICY_ID));
    demo.check(diff.changes().size() == 1 && "/approval_thresholds/write:size_mb".equals(diff.changes().getFirst()
        .pointer()) && diff.changes().getFirst().after().asInt() == 40, "one change, the size threshold to 40");
    say.blank();
    say.lines(PolicyViews.diff(diff).stream().map(line -> "    " + line).toList());

    decide(demo, agent, DecisionRequest.of(AGENT, "write:summaries").withConnector("db")
        .withAttribute("size_mb", 45), Decision.REQUIRE_APPROVAL, "approval_threshold", v2.ref());

    say.call("POST /api/v1/policies/" + POLICY_ID + "/rollback {\"to_version\": 1}", "as acme-admin");
    Policy v3 = demo.expectOk("rolling back", () -> admin.policies().rollback(POLICY_ID, 1, "45 MB writes are fine"))
        .policy();
    demo.check(v3.version() == 3 && Policy.ROLLBACK.equals(v3.change()) && v3.digest().equals(v1.digest()),
        "a rollback as version 3 with the document of version 1");
    say.ok(v3.ref() + ": a new version with the document of @1 (same digest " + v3.digest().substring(0, 12)
        + "...)", "history is never rewritten: aegis policy history " + POLICY_ID + " lists @1, @2 and @3");
    say.call("GET /api/v1/policies/" + POLICY_ID + "/diff", "as acme-admin");
    PolicyDiff back = demo.expectOk("diffing the rollback", () -> admin.policies().diff(POLICY_ID));
    demo.check(back.fromVersion() == 2 && back.toVersion() == 3 && back.changes().size() == 1
        && back.changes().getFirst().after().asInt() == 50, "the rollback to put the threshold back to 50");
    say.blank();
    say.lines(PolicyViews.diff(back).stream().map(line -> "    " + line).toList());
  }

  /** The request as the JSON the SDK sends, for the narration. */
  private static String json(DecisionRequest r) {
    StringBuilder out = new StringBuilder("{\"agent_id\": \"").append(r.agentId()).append("\", \"action\": \"")
        .append(r.action()).append('"');
    if (r.connector() != null) {
      out.append(", \"connector\": \"").append(r.connector()).append('"');
    }
    if (!r.attributes().isEmpty()) {
      StringBuilder attributes = new StringBuilder();
      for (Map.Entry<String, Object> e : r.attributes().entrySet()) {
        attributes.append(attributes.isEmpty() ? "" : ", ").append('"').append(e.getKey()).append("\": ")
            .append(e.getValue() instanceof String s ? "\"" + s + "\"" : e.getValue());
      }
      out.append(", \"attributes\": {").append(attributes).append('}');
    }
    return out.append('}').toString();
  }
}
