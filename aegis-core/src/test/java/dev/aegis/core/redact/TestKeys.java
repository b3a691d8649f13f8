package dev.aegis.core.redact;

import java.nio.charset.StandardCharsets;

/** Fixed tenant hash keys for tests. */
final class TestKeys {
  static final byte[] TENANT_A = "tenant-a-redaction-key-32-bytes!".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TENANT_B = "tenant-b-redaction-key-32-bytes!".getBytes(StandardCharsets.US_ASCII);

  private TestKeys() {}
}
