package dev.aegis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A policy the server found valid; an invalid one is an {@link AegisApiException} (422) with a pointer per error.
 *
 * @param document the canonical JSON it would store
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PolicyValidation(boolean valid, String policyId, JsonNode document) {}
