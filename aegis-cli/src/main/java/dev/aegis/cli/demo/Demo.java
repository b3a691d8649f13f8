package dev.aegis.cli.demo;

import dev.aegis.cli.runs.Glyphs;
import dev.aegis.client.AegisApiException;
import dev.aegis.client.AegisClient;
import dev.aegis.client.CreatedKey;
import dev.aegis.client.Tenant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What chapters work with: the narrator, a client acting as the system admin, the tenants and keys made so far, and
 * the checks that turn a surprising answer into a {@link DemoFailure}.
 */
final class Demo {
  static final String SYSTEM_ADMIN = "as the system admin";

  private final Narrator narrator;
  private final AegisClient admin;
  private final String suffix;
  private final Glyphs glyphs;
  private final Map<String, Tenant> tenants = new HashMap<>();
  private final Map<String, CreatedKey> keys = new HashMap<>();

  /**
   * @param suffix appended to every tenant name, so that a demo against a shared server does not collide with
   *     earlier runs; empty on a fresh embedded server
   * @param glyphs how trees are drawn on this terminal
   */
  Demo(Narrator narrator, AegisClient admin, String suffix, Glyphs glyphs) {
    this.narrator = narrator;
    this.admin = admin;
    this.suffix = suffix;
    this.glyphs = glyphs;
  }

  Narrator narrator() {
    return narrator;
  }

  /** The characters trees are drawn with on this terminal. */
  Glyphs glyphs() {
    return glyphs;
  }

  /** A client acting as the system admin. */
  AegisClient admin() {
    return admin;
  }

  /** A client acting with a key made earlier in the demo. */
  AegisClient as(String keyLabel) {
    return admin.withApiKey(key(keyLabel).secret());
  }

  /** A client that sends no key at all. */
  AegisClient anonymous() {
    return admin.withApiKey(null);
  }

  /** The tenant name to use for {@code base}, such as {@code acme} (or {@code acme-3f9a} on a shared server). */
  String tenantName(String base) {
    return suffix.isEmpty() ? base : base + "-" + suffix;
  }

  void remember(String label, Tenant tenant) {
    tenants.put(label, tenant);
  }

  void remember(String label, CreatedKey key) {
    keys.put(label, key);
  }

  Tenant tenant(String label) {
    Tenant tenant = tenants.get(label);
    if (tenant == null) {
      throw new IllegalStateException("no tenant '" + label + "' yet: chapters run in order");
    }
    return tenant;
  }

  CreatedKey key(String label) {
    CreatedKey key = keys.get(label);
    if (key == null) {
      throw new IllegalStateException("no key '" + label + "' yet: chapters run in order");
    }
    return key;
  }

  /** Runs a call that must work; a refusal stops the demo. */
  <T> T expectOk(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (AegisApiException e) {
      throw new DemoFailure(what + " should have worked, but was refused: " + e.getMessage());
    }
  }

  /** Runs a call that must be refused with {@code status} and problem type {@code kind}, narrates the refusal. */
  AegisApiException expectRefused(int status, String kind, String what, Runnable call) {
    try {
      call.run();
    } catch (AegisApiException e) {
      if (e.status() != status || !kind.equals(e.kind())) {
        throw new DemoFailure(
            what + " should have been refused with " + status + " " + kind + ", but got " + e.getMessage());
      }
      narrator.refused(e);
      return e;
    }
    throw new DemoFailure(what + " should have been refused with " + status + " " + kind + ", but it worked");
  }

  /** Stops the demo when {@code condition} does not hold. */
  void check(boolean condition, String expectation) {
    if (!condition) {
      throw new DemoFailure("expected " + expectation);
    }
  }
}
