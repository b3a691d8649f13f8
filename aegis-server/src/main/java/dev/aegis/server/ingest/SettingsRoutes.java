package dev.aegis.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegis.core.audit.AuditAction;
import dev.aegis.core.auth.Role;
import dev.aegis.core.redact.CaptureLevel;
import dev.aegis.core.redact.InvalidRedactionPolicyException;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.core.telemetry.TelemetrySettingsStore;
import dev.aegis.server.audit.AuditEvent;
import dev.aegis.server.audit.AuditTrail;
import dev.aegis.server.auth.Principal;
import dev.aegis.server.http.Fields;
import dev.aegis.server.http.JsonBody;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET} and {@code PUT /api/v1/telemetry/settings}: a tenant admin reads and replaces its settings. */
final class SettingsRoutes {
  static final String PATH = "/api/v1/telemetry/settings";
  private static final String LEVELS =
      String.join(", ", Arrays.stream(CaptureLevel.values()).map(CaptureLevel::wireName).toList());
  private static final Pattern GLOB_SETTING = Pattern.compile("(allow|deny)_keys\\[(\\d+)]");

  private final TelemetrySettingsStore settings;
  private final TenantMappers mappers;
  private final int defaultRetentionDays;
  private final Clock clock;
  private final AuditTrail audit;

  SettingsRoutes(TelemetrySettingsStore settings, TenantMappers mappers, int defaultRetentionDays, Clock clock,
      AuditTrail audit) {
    this.settings = settings;
    this.mappers = mappers;
    this.defaultRetentionDays = defaultRetentionDays;
    this.clock = clock;
    this.audit = audit;
  }

  void get(Context ctx) {
    String tenantId = tenantAdmin(ctx);
    ctx.json(view(settings.find(tenantId).orElseGet(() -> TelemetrySettings.defaults(tenantId))));
  }

  void put(Context ctx) {
    String tenantId = tenantAdmin(ctx);
    ObjectNode body = JsonBody.read(ctx);
    Fields fields = Fields.of(body, "capture_level", "retention_days", "redaction");
    CaptureLevel level = captureLevel(body.get("capture_level"), fields);
    Integer days = retentionDays(body.get("retention_days"), fields);
    Map<String, String> patterns = new LinkedHashMap<>();
    List<String> allow = new ArrayList<>();
    List<String> deny = new ArrayList<>();
    JsonNode redaction = body.get("redaction");
    if (redaction != null && !redaction.isNull()) {
      if (!(redaction instanceof ObjectNode object)) {
        fields.reject("/redaction", "must be an object with patterns, allow and deny");
      } else {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (!List.of("patterns", "allow", "deny").contains(name)) {
            fields.reject(Fields.pointer("redaction", name), "unknown field; allowed fields: patterns, allow, deny");
          }
        }
        patterns(object.get("patterns"), patterns, fields);
        globs("allow", object.get("allow"), allow, fields);
        globs("deny", object.get("deny"), deny, fields);
      }
    }
    fields.throwIfInvalid();

    TelemetrySettings updated = new TelemetrySettings(tenantId, level, days, patterns, allow, deny,
        clock.instant().truncatedTo(ChronoUnit.MILLIS));
    try {
      mappers.validate(updated);
    } catch (InvalidRedactionPolicyException e) {
      fields.reject(pointerOf(e.setting(), patterns), e.getMessage());
      fields.throwIfInvalid();
    }
    audit.change(ctx, () -> {
      TelemetrySettings before = settings.find(tenantId).orElseGet(() -> TelemetrySettings.defaults(tenantId));
      settings.put(updated);
      return AuditEvent.of(tenantId, AuditAction.TELEMETRY_SETTINGS_CHANGED, "telemetry_settings", tenantId)
          .before(view(before)).after(view(updated));
    });
    mappers.invalidate(tenantId);
    ctx.json(view(updated));
  }

  private static String tenantAdmin(Context ctx) {
    Principal principal = Principal.of(ctx);
    if (principal.system()) {
      throw new ProblemException(ProblemType.FORBIDDEN, "Telemetry settings belong to a tenant; use a key with"
          + " the admin role of that tenant, not the system admin key.");
    }
    if (!principal.hasRole(Role.ADMIN)) {
      throw new ProblemException(ProblemType.FORBIDDEN, "Telemetry settings need a key with the admin role;"
          + " this key has " + principal.roles().stream().map(Role::wireName).sorted().toList() + ".");
    }
    return principal.tenantId();
  }

  private static CaptureLevel captureLevel(JsonNode value, Fields fields) {
    if (value == null || value.isNull()) {
      return CaptureLevel.HASH;
    }
    if (!value.isTextual() || CaptureLevel.fromWire(value.textValue()).isEmpty()) {
      fields.reject("/capture_level", "must be one of " + LEVELS + ", was " + value);
      return CaptureLevel.HASH;
    }
    return CaptureLevel.fromWire(value.textValue()).orElseThrow();
  }

  private static Integer retentionDays(JsonNode value, Fields fields) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1
        || value.intValue() > TelemetrySettings.MAX_RETENTION_DAYS) {
      fields.reject("/retention_days", "must be a whole number of days from 1 to "
          + TelemetrySettings.MAX_RETENTION_DAYS + ", or null for the server's default; was " + value);
      return null;
    }
    return value.intValue();
  }

  private static void patterns(JsonNode value, Map<String, String> out, Fields fields) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isArray()) {
      fields.reject("/redaction/patterns", "must be an array of {\"name\", \"regex\"}");
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      JsonNode name = item.get("name");
      JsonNode regex = item.get("regex");
      if (!item.isObject() || name == null || !name.isTextual() || regex == null || !regex.isTextual()
          || item.size() != 2) {
        fields.reject(Fields.pointer("redaction", "patterns", i),
            "must be an object with exactly a string name and a string regex");
      } else if (out.containsKey(name.textValue())) {
        fields.reject(Fields.pointer("redaction", "patterns", i, "name"),
            "repeats the name '" + name.textValue() + "'; name each pattern once");
      } else {
        out.put(name.textValue(), regex.textValue());
      }
    }
  }

  private static void globs(String field, JsonNode value, List<String> out, Fields fields) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isArray()) {
      fields.reject(Fields.pointer("redaction", field), "must be an array of attribute-key globs such as user.*");
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        fields.reject(Fields.pointer("redaction", field, i), "must be a string glob such as user.*");
      } else {
        out.add(value.get(i).textValue());
      }
    }
  }

  /** The JSON pointer of a setting the redaction engine named. */
  private static String pointerOf(String setting, Map<String, String> patterns) {
    if (setting.startsWith("custom_patterns.")) {
      List<String> names = new ArrayList<>(patterns.keySet());
      int index = names.indexOf(setting.substring("custom_patterns.".length()));
      return index < 0 ? "/redaction/patterns" : Fields.pointer("redaction", "patterns", index, "regex");
    }
    if (setting.equals("custom_patterns")) {
      return "/redaction/patterns";
    }
    Matcher glob = GLOB_SETTING.matcher(setting);
    if (glob.matches()) {
      return Fields.pointer("redaction", glob.group(1), Integer.parseInt(glob.group(2)));
    }
    if (setting.startsWith("allow_keys") || setting.startsWith("deny_keys")) {
      return "/redaction/" + setting.substring(0, setting.indexOf('_'));
    }
    return "/redaction";
  }

  private SettingsView view(TelemetrySettings s) {
    List<PatternView> patterns = new ArrayList<>();
    s.patterns().forEach((name, regex) -> patterns.add(new PatternView(name, regex)));
    return new SettingsView(s.tenantId(), s.captureLevel().wireName(), s.retentionDays(),
        s.retentionDays() == null ? defaultRetentionDays : s.retentionDays(),
        new RedactionView(patterns, s.allow(), s.deny()), s.updatedAt());
  }

  record SettingsView(String tenantId, String captureLevel, Integer retentionDays, int effectiveRetentionDays,
      RedactionView redaction, Instant updatedAt) {}

  record RedactionView(List<PatternView> patterns, List<String> allow, List<String> deny) {}

  record PatternView(String name, String regex) {}
}
