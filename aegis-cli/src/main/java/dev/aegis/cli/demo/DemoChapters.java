package dev.aegis.cli.demo;

import java.util.List;

/** The chapters of the demo, in order. A new capability adds its chapter here. */
final class DemoChapters {
  private DemoChapters() {}

  static List<DemoChapter> all() {
    return List.of(
        new TenantsAndKeysChapter(),
        new WhoAmIChapter(),
        new RefusalsChapter(),
        new IsolationChapter(),
        new RevocationChapter(),
        new TelemetryChapter(),
        new PoliciesChapter(),
        new AuditChapter());
  }
}
