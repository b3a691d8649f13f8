package dev.aegis.core.telemetry;

import java.util.List;

/**
 * The attribute names {@link SpanMapper} reads, in order of preference: the brief's names, the OpenTelemetry GenAI
 * conventions (current names before legacy ones) and the HTTP conventions (current before old). docs/telemetry.md
 * has the same table for people.
 */
public final class AttributeNames {
  public static final List<String> RUN_ID = List.of("run.id", "run_id", "aegis.run_id");
  public static final List<String> PARENT_RUN_ID =
      List.of("parent_run_id", "parent_run.id", "run.parent_id", "aegis.parent_run_id");
  public static final List<String> AGENT_ID = List.of("agent.id", "gen_ai.agent.id", "agent_id");
  public static final List<String> AGENT_NAME = List.of("gen_ai.agent.name", "agent.name");
  public static final List<String> AGENT_VERSION = List.of("agent.version", "gen_ai.agent.version");
  public static final List<String> TASK_TYPE = List.of("task.type", "task_type");
  public static final List<String> STAGE = List.of("workflow.stage", "stage", "aegis.stage");
  public static final List<String> SERVICE_NAME = List.of("service.name");
  public static final List<String> ENVIRONMENT =
      List.of("deployment_env", "deployment.environment.name", "deployment.environment");
  public static final List<String> REGION = List.of("region", "cloud.region");
  public static final List<String> CONVERSATION_ID = List.of("gen_ai.conversation.id");

  public static final String OPERATION = "gen_ai.operation.name";
  public static final List<String> PROVIDER = List.of("gen_ai.provider.name", "gen_ai.system");
  public static final List<String> MODEL =
      List.of("gen_ai.response.model", "gen_ai.request.model", "model.name", "model");
  public static final List<String> REQUEST_MODEL = List.of("gen_ai.request.model", "model.name", "model",
      "gen_ai.response.model");
  public static final List<String> INPUT_TOKENS = List.of("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens");
  public static final List<String> OUTPUT_TOKENS =
      List.of("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens");
  public static final List<String> CACHED_INPUT_TOKENS =
      List.of("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens");
  public static final String ERROR_TYPE = "error.type";

  public static final List<String> TOOL_NAME = List.of("gen_ai.tool.name", "tool.name");
  public static final List<String> TOOL_CALL_ID = List.of("gen_ai.tool.call.id", "tool.call.id");
  public static final List<String> HTTP_METHOD = List.of("http.request.method", "http.method");
  public static final List<String> URL = List.of("url.full", "http.url", "endpoint");
  public static final String SERVER_ADDRESS = "server.address";
  public static final String SERVER_PORT = "server.port";
  public static final List<String> URL_PATH = List.of("url.path", "http.route", "http.target");
  public static final List<String> STATUS_CODE =
      List.of("http.response.status_code", "http.status_code", "status_code");
  public static final String LATENCY_MS = "latency_ms";
  public static final String COST_TOKENS = "cost_tokens";
  public static final List<String> TOOL_REQUEST_PREFIXES =
      List.of("http.request.", "url.", "server.", "gen_ai.tool.call.arguments", "tool.request.", "rpc.");
  public static final List<String> TOOL_RESPONSE_PREFIXES =
      List.of("http.response.", "gen_ai.tool.call.result", "tool.response.");

  public static final List<String> PROMPT_HASH = List.of("prompt.hash", "gen_ai.prompt.hash");
  public static final List<String> SUMMARY_POINTER = List.of("prompt.summary_pointer", "summary_pointer");
  public static final List<String> VECTOR_INDEX_IDS = List.of("vector.index_ids", "vector_index_ids");
  /** Where prompt content arrives, joined in this order when several are present. */
  public static final List<String> PROMPT_CONTENT =
      List.of("gen_ai.system_instructions", "gen_ai.input.messages", "gen_ai.prompt");

  public static final String SCOPE_NAME = "otel.scope.name";
  public static final String SCOPE_VERSION = "otel.scope.version";

  private AttributeNames() {}
}
