package dev.aegis.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class AttributeRedactionTest {
  private static final String REDACTED = "<REDACTED:[0-9a-f]{8}>";
  private final RedactionPolicy defaults = RedactionPolicy.defaults(TestKeys.TENANT_A);
  private final Redactor redactor = new Redactor(defaults);

  @Test
  void builtInStructuralKeysAreKeptVerbatimEvenWhenTheyLookSensitive() {
    // a trace id made only of digits would pass for a card number anywhere else
    assertThat(redactor.redactAttribute("trace_id", "4111111111111111")).isEqualTo("4111111111111111");
    assertThat(redactor.redactAttribute("note", "4111111111111111")).asString().matches("<CARD:[0-9a-f]{8}>");
    assertThat(redactor.redactAttribute("run.id", "run-20260529-01")).isEqualTo("run-20260529-01");
    assertThat(redactor.redactAttribute("gen_ai.usage.input_tokens", 812L)).isEqualTo(812L);
    assertThat(redactor.redactAttribute("agent.id", "summarizer-12@example.com"))
        .isEqualTo("summarizer-12@example.com");
  }

  @Test
  void unknownKeysAreKeptWithTheirStringsRedacted() {
    Map<String, Object> span = new LinkedHashMap<>();
    span.put("agent.id", "summarizer-12");
    span.put("tool.input.recipient", "ana@example.com");
    span.put("custom.flag", true);
    span.put("custom.count", 3);
    span.put("custom.text", "nothing to see");

    RedactedAttributes result = redactor.redactAttributes(span);

    assertThat(result.attributes()).containsOnlyKeys(span.keySet());
    assertThat(List.copyOf(result.attributes().keySet())).containsExactlyElementsOf(span.keySet());
    assertThat(result.attributes().get("tool.input.recipient")).asString().matches("<EMAIL:[0-9a-f]{8}>");
    assertThat(result.attributes().get("custom.flag")).isEqualTo(true);
    assertThat(result.attributes().get("custom.count")).isEqualTo(3);
    assertThat(result.attributes().get("custom.text")).isEqualTo("nothing to see");
    assertThat(result.summary()).isEqualTo("1 EMAIL redacted");
  }

  @Test
  void attributesWithNothingToRedactAreReturnedWithoutACopy() {
    Map<String, Object> span = Map.of("agent.id", "a-1", "http.response.status_code", 200L, "note", "fine");
    RedactedAttributes result = redactor.redactAttributes(span);

    assertThat(result.changed()).isFalse();
    assertThat(result.attributes()).isEqualTo(span);
  }

  @Test
  void denyListedKeysAreHiddenWholeAndStillCorrelate() {
    Redactor tenant = new Redactor(defaults.withDenyKeys("user.*"));

    Object first = tenant.redactAttribute("user.name", "Ana Pérez");
    Object again = tenant.redactAttribute("user.display_name", "Ana Pérez");
    Object other = tenant.redactAttribute("user.name", "Bo Chen");

    assertThat(first).asString().matches(REDACTED);
    assertThat(again).isEqualTo(first);
    assertThat(other).asString().matches(REDACTED).isNotEqualTo(first);
    assertThat(tenant.redactAttribute("user.age", 42)).asString().matches(REDACTED);
    assertThat(tenant.redactAttribute("User.Email", "x")).asString().matches(REDACTED);
    assertThat(redactor.redactAttribute("user.name", "Ana Pérez")).isEqualTo("Ana Pérez");
  }

  @Test
  void theMostSpecificGlobWinsAndDenyWinsATie() {
    Redactor tenant = new Redactor(defaults
        .withDenyKeys("http.request.header.*", "run.id", "tool.*")
        .withAllowKeys("http.request.header.content-type", "tool.*"));

    assertThat(tenant.redactAttribute("http.request.header.content-type", "application/json"))
        .isEqualTo("application/json");
    assertThat(tenant.redactAttribute("http.request.header.x-user", "ana")).asString().matches(REDACTED);
    // a tenant deny of the exact key beats the built-in allow of the same key
    assertThat(tenant.redactAttribute("run.id", "run-1")).asString().matches(REDACTED);
    // allow and deny of the same glob: deny; but the built-in exact tool.name is more specific than either
    assertThat(tenant.redactAttribute("tool.input", "search")).asString().matches(REDACTED);
    assertThat(tenant.redactAttribute("tool.name", "search")).isEqualTo("search");
  }

  @Test
  void credentialKeysAreHiddenByDefaultUnlessTheTenantAllowsTheExactKey() {
    assertThat(redactor.redactAttribute("db.password", "hunter2")).asString().matches(REDACTED);
    assertThat(redactor.redactAttribute("http.request.header.authorization", "Basic xyz")).asString()
        .matches(REDACTED);
    assertThat(redactor.redactAttribute("k8s.secret.name", "db-creds")).asString().matches(REDACTED);

    Redactor tenant = new Redactor(defaults.withAllowKeys("db.password_policy"));
    assertThat(tenant.redactAttribute("db.password_policy", "min-12-chars")).isEqualTo("min-12-chars");
  }

  @Test
  void valuesOfEveryAttributeTypeAreHandled() {
    assertThat(redactor.redactAttribute("n", 4111111111111111L)).isEqualTo(4111111111111111L);
    assertThat(redactor.redactAttribute("d", 12.99)).isEqualTo(12.99);
    assertThat(redactor.redactAttribute("b", false)).isEqualTo(false);
    assertThat(redactor.redactAttribute("raw", new byte[] {1, 2, 3})).asString().matches(REDACTED);
    assertThat(redactor.redactAttribute("raw", new byte[] {1, 2, 3}))
        .isEqualTo(redactor.redactAttribute("raw", new byte[] {1, 2, 3}))
        .isNotEqualTo(redactor.redactAttribute("raw", new byte[] {1, 2, 4}));
    assertThat(redactor.redactAttribute("x", null)).isNull();

    List<String> clean = List.of("a", "b");
    assertThat(redactor.redactAttribute("tags", clean)).isSameAs(clean);
    assertThat(redactor.redactAttribute("to", Arrays.asList("ops", "ana@example.com", null)))
        .asInstanceOf(InstanceOfAssertFactories.LIST).satisfiesExactly(
            e -> assertThat(e).isEqualTo("ops"),
            e -> assertThat(e).asString().matches("<EMAIL:[0-9a-f]{8}>"),
            e -> assertThat(e).isNull());

    Redactor tenant = new Redactor(defaults.withDenyKeys("user.phone"));
    Object nested = tenant.redactAttribute("user", Map.of("phone", "+1 415 555 0100", "plan", "pro"));
    assertThat(nested).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("plan", "pro")
        .hasEntrySatisfying("phone", v -> assertThat(v).asString().matches(REDACTED));
  }

  @Test
  void deeplyNestedValuesAreHiddenRatherThanWalked() {
    Object deep = "ana@example.com";
    for (int i = 0; i < Redactor.MAX_DEPTH + 2; i++) {
      deep = List.of(deep);
    }
    Object out = redactor.redactAttribute("payload", deep);
    String flat = String.valueOf(out);

    assertThat(flat).doesNotContain("ana@example.com").containsPattern(REDACTED);
  }

  @Test
  void promptContentFollowsTheCaptureLevel() {
    String prompt = "Email ana@example.com the key sk-" + "Ab3".repeat(16);
    String key = "gen_ai.prompt";

    assertThat(at(CaptureLevel.NONE).redactAttribute(key, prompt)).isEqualTo(Redactor.NOT_CAPTURED);
    assertThat(at(CaptureLevel.HASH).redactAttribute(key, prompt)).isEqualTo(KeyedHasher.sha256(prompt));
    assertThat(at(CaptureLevel.REDACTED).redactAttribute(key, prompt)).asString()
        .matches("Email <EMAIL:[0-9a-f]{8}> the key <API_KEY:[0-9a-f]{8}>");
    assertThat(at(CaptureLevel.FULL).redactAttribute(key, prompt)).asString()
        .matches("Email ana@example\\.com the key <API_KEY:[0-9a-f]{8}>");
    assertThat(at(CaptureLevel.NONE).redactAttribute("gen_ai.prompt.0.content", prompt))
        .isEqualTo(Redactor.NOT_CAPTURED);
    assertThat(at(CaptureLevel.NONE).redactAttribute("llm.input_messages.0.message.content", prompt))
        .isEqualTo(Redactor.NOT_CAPTURED);
    assertThat(at(CaptureLevel.NONE).redactAttribute("gen_ai.prompt.0.role", "user")).isEqualTo("user");
  }

  @Test
  void anAllowListCannotBypassTheCaptureLevelButADenyListStillHides() {
    String prompt = "hello";
    Redactor allowing = new Redactor(defaults.withAllowKeys("gen_ai.*"));
    Redactor denying = new Redactor(defaults.withCaptureLevel(CaptureLevel.FULL).withDenyKeys("gen_ai.prompt"));

    assertThat(allowing.redactAttribute("gen_ai.prompt", prompt)).isEqualTo(KeyedHasher.sha256(prompt));
    assertThat(denying.redactAttribute("gen_ai.prompt", prompt)).asString().matches(REDACTED);
    // at capture level none even the keyed tag of denied content is not stored
    Redactor denyingAtNone = new Redactor(defaults.withCaptureLevel(CaptureLevel.NONE).withDenyKeys("gen_ai.*"));
    assertThat(denyingAtNone.redactAttribute("gen_ai.prompt", prompt)).isEqualTo(Redactor.NOT_CAPTURED);
    assertThat(denyingAtNone.redactAttribute("gen_ai.request.stop_sequences", "END")).asString().matches(REDACTED);
  }

  private Redactor at(CaptureLevel level) {
    return new Redactor(defaults.withCaptureLevel(level));
  }
}
