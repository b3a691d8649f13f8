package dev.aegis.cli.audit;

import picocli.CommandLine.Option;

/** {@code --tenant}: which tenant's log, for the system admin key; a tenant's own keys may leave it out. */
final class TenantOption {
  @Option(
      names = "--tenant",
      paramLabel = "TENANT",
      description = "The tenant (id or name) whose log to read; needed with the system admin key.")
  String tenant;

  String tenant() {
    return tenant;
  }
}
