package dev.aegis.server.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegis.core.policy.Decision;
import dev.aegis.core.policy.Obligation;
import dev.aegis.core.policy.PolicyRef;
import dev.aegis.core.policy.Reason;
import dev.aegis.core.policy.ShadowOutcome;
import java.util.List;

/** The decision point's answer as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DecisionView(
    String decisionId,
    String outcome,
    List<ReasonView> reasons,
    List<String> policies,
    List<ObligationView> obligations,
    Long retryAfterMs,
    ShadowView shadow) {

  /** A reason: a machine code and a sentence. */
  record ReasonView(String code, String message) {
    static List<ReasonView> of(List<Reason> reasons) {
      return reasons.stream().map(r -> new ReasonView(r.code().wire(), r.message())).toList();
    }
  }

  /** A check the caller must make before it acts (the policy's write validators). */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record ObligationView(String policy, String capability, Double maxSizeMb, JsonNode jsonSchema,
      List<String> allowedDomains) {
    static ObligationView of(Obligation o) {
      return new ObligationView(o.policy().toString(), o.capability(), o.maxSizeMb(), o.jsonSchema(),
          o.allowedDomains());
    }
  }

  /** What policies in shadow mode would have decided, when that differs. */
  record ShadowView(String outcome, List<ReasonView> reasons, List<String> policies) {
    static ShadowView of(ShadowOutcome shadow) {
      return shadow == null ? null : new ShadowView(shadow.outcome().wire(), ReasonView.of(shadow.reasons()),
          refs(shadow.policies()));
    }
  }

  static DecisionView of(String decisionId, Decision d) {
    return new DecisionView(decisionId, d.outcome().wire(), ReasonView.of(d.reasons()), refs(d.policies()),
        d.obligations().stream().map(ObligationView::of).toList(), d.retryAfterMs(), ShadowView.of(d.shadow()));
  }

  static List<String> refs(List<PolicyRef> refs) {
    return refs.stream().map(PolicyRef::toString).toList();
  }
}
