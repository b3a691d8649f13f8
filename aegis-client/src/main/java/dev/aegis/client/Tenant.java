package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A tenant: the unit of isolation.
 *
 * @param id such as {@code ten_01jd...}
 * @param name a unique slug, such as {@code acme}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Tenant(String id, String name, Instant createdAt) {}
