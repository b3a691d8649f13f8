package dev.aegis.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
  private static List<PolicyError> errors(String yaml) {
    PolicyParseResult r = PolicyParser.parse(yaml, PolicyFormat.YAML);
    assertThat(r).isInstanceOf(PolicyParseResult.Invalid.class);
    return ((PolicyParseResult.Invalid) r).errors();
  }

  private static PolicyError only(String yaml) {
    List<PolicyError> errors = errors(yaml);
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  @Test
  void unknownFieldsSuggestTheNearestKnownOne() {
    assertThat(only("policy_id: p\ncapabilites: [read:documents]\n").message())
        .contains("unknown field 'capabilites'", "did you mean 'capabilities'?");
    assertThat(only("policy_id: p\nconnectors: {db: {role: read-only, rate_limit: 3}}\n").message())
        .contains("did you mean 'rate_limit_per_min'?");
    assertThat(only("policy_id: p\nzzz: 1\n").message()).doesNotContain("did you mean");
    assertThat(only("policy_id: p\nconnectors: {db: {role: readonly}}\n").message())
        .contains("did you mean 'read-only'?");
  }

  @Test
  void wrongTypesNameTheTypeFound() {
    assertThat(only("policy_id: p\ncapabilities: {read: documents}\n").message())
        .isEqualTo("capabilities must be a list, not an object");
    assertThat(only("policy_id: [p]\n").message()).isEqualTo("policy_id must be a string, not a list");
  }

  @Test
  void syntaxErrorsCarryLineAndColumn() {
    PolicyError yaml = only("policy_id: p\ncapabilities: [read:documents\nconnectors: {}\n");
    assertThat(yaml.pointer()).isEmpty();
    assertThat(yaml.line()).isNotNull().isGreaterThanOrEqualTo(2);
    assertThat(yaml.column()).isNotNull();
    assertThat(yaml.message()).startsWith("not valid YAML at line ");

    PolicyParseResult json = PolicyParser.parse("{\n  \"policy_id\": \"p\",\n  \"capabilities\": [1,]\n}", PolicyFormat.JSON);
    PolicyError e = ((PolicyParseResult.Invalid) json).errors().get(0);
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.message()).startsWith("not valid JSON at line 3");
  }

  @Test
  void celErrorsPointAtTheRulesWhenAndQuoteTheCompiler() {
    PolicyError e = only("policy_id: p\nrules:\n  - {id: r, when: 'request.nope(', effect: deny}\n");
    assertThat(e.pointer()).isEqualTo("/rules/0/when");
    assertThat(e.message()).startsWith("condition does not compile");
    PolicyError notBool = only("policy_id: p\nrules:\n  - {id: r, when: 'request.action', effect: deny}\n");
    assertThat(notBool.message()).contains("returns dyn, not bool");
    PolicyError intResult = only("policy_id: p\nrules:\n  - {id: r, when: '1 + 2', effect: deny}\n");
    assertThat(intResult.message()).contains("returns int, not bool");
  }

  @Test
  void everyExtensionReadsBack() {
    PolicyDocument doc =
        Policies.yaml(
            """
            policy_id: docs-writer
            description: What the docs team's agents may do
            mode: shadow
            bindings:
              - agent: summarizer-*
              - labels: {team: docs, tier: 1}
                task_types: [summarize, "translate-*"]
            capabilities: ["read:*", write:summaries]
            denies: [delete:documents]
            connectors:
              api: {role: read-write}
            approval_thresholds:
              "*:row_count": 1000
            rules:
              - id: night-writes
                when: request.verb == 'write' && now.getHours() < 6
                effect: require_approval
                reason: nobody watches at night
            validators:
              write:summaries:
                max_size_mb: 5
                json_schema: {type: object, required: [title]}
                allowed_domains: [example.com, "*.example.org"]
            """);
    assertThat(doc.mode()).isEqualTo(PolicyMode.SHADOW);
    assertThat(doc.bindings())
        .containsExactly(
            new Binding("summarizer-*", null, null),
            new Binding(null, java.util.Map.of("team", "docs", "tier", "1"), List.of("summarize", "translate-*")));
    assertThat(doc.rules()).singleElement().extracting(PolicyRule::effect).isEqualTo(RuleEffect.REQUIRE_APPROVAL);
    assertThat(doc.validators().get("write:summaries").allowedDomains()).containsExactly("example.com", "*.example.org");
    assertThat(doc.approvalThresholds()).containsEntry("*:row_count", new ApprovalThreshold.Limit(1000));
  }

  @Test
  void theCanonicalFormIgnoresKeyOrderAndFormat() {
    PolicyDocument json = PolicyParser.parse(Policies.resource("sample.json"), PolicyFormat.JSON).orThrow();
    PolicyDocument yaml = PolicyParser.parse(Policies.resource("sample.yaml"), PolicyFormat.YAML).orThrow();
    assertThat(PolicyJson.canonical(json)).isEqualTo(PolicyJson.canonical(yaml));
    assertThat(PolicyJson.canonical(json))
        .isEqualTo(
            "{\"approval_thresholds\":{\"write:external_domain\":[\"requires_approval\"],\"write:size_mb\":50},"
                + "\"capabilities\":[\"read:documents\",\"write:summaries\"],"
                + "\"connectors\":{\"db\":{\"rate_limit_per_min\":30,\"role\":\"write-limited\"},"
                + "\"s3\":{\"rate_limit_per_min\":120,\"role\":\"read-only\"}},"
                + "\"policy_id\":\"policy-agent-summarizer\"}");
    // the canonical text is itself a valid document that reads back to the same thing
    PolicyDocument again = PolicyParser.parse(PolicyJson.canonical(json), PolicyFormat.JSON).orThrow();
    assertThat(PolicyJson.canonical(again)).isEqualTo(PolicyJson.canonical(json));
  }

  @Test
  void theDiffListsEachChangeWithItsPointer() {
    PolicyDocument before = PolicyParser.parse(Policies.resource("sample.json"), PolicyFormat.JSON).orThrow();
    PolicyDocument after =
        Policies.yaml(
            """
            policy_id: policy-agent-summarizer
            capabilities: [read:documents, write:summaries, write:notes]
            connectors:
              s3: {role: read-only, rate_limit_per_min: 60}
              db: {role: write-limited, rate_limit_per_min: 30}
            approval_thresholds:
              write:size_mb: 50
            """);
    List<PolicyDiff.Change> changes = PolicyDiff.between(before, after);
    assertThat(changes)
        .extracting(PolicyDiff.Change::pointer, PolicyDiff.Change::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/approval_thresholds/write:external_domain", "removed"),
            org.assertj.core.groups.Tuple.tuple("/capabilities/2", "added"),
            org.assertj.core.groups.Tuple.tuple("/connectors/s3/rate_limit_per_min", "changed"));
    assertThat(changes.get(2).before().intValue()).isEqualTo(120);
    assertThat(changes.get(2).after().intValue()).isEqualTo(60);
    assertThat(PolicyDiff.between(before, before)).isEmpty();
  }

  @Test
  void orThrowListsTheErrors() {
    assertThatThrownBy(() -> PolicyParser.parse("capabilities: []", PolicyFormat.YAML).orThrow())
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("/policy_id");
  }

  @Test
  void pointersEscapeSlashAndTilde() {
    assertThat(JsonPointers.child("/validators", "write:a/b~c")).isEqualTo("/validators/write:a~1b~0c");
  }

  @Test
  void contentTypesAndFileNamesPickTheFormat() {
    assertThat(PolicyFormat.fromContentType("application/yaml; charset=utf-8")).isEqualTo(PolicyFormat.YAML);
    assertThat(PolicyFormat.fromContentType("application/json")).isEqualTo(PolicyFormat.JSON);
    assertThat(PolicyFormat.fromContentType("text/plain")).isNull();
    assertThat(PolicyFormat.fromFileName("p.YML")).isEqualTo(PolicyFormat.YAML);
  }
}
