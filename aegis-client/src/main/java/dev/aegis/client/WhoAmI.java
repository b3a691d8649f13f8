package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Who the server takes the caller to be.
 *
 * @param tenantId null for the system admin (bootstrap) key
 * @param keyId null for the system admin key
 * @param system true for the bootstrap admin key, which manages tenants and belongs to none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WhoAmI(
    String tenantId, String tenantName, String keyId, String keyName, List<String> roles, boolean system) {
  public WhoAmI {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
