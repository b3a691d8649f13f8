package dev.aegis.core.telemetry;

import java.util.Locale;

/** What a span stands for in an agent's run; decided by {@link SpanMapper} from its attributes. */
public enum SpanCategory {
  /** An agent invocation or workflow step ({@code gen_ai.operation.name = invoke_agent}, {@code agent.id}, ...). */
  AGENT,
  /** A model call ({@code chat}, {@code text_completion}, {@code embeddings}, or a span with a model or usage). */
  LLM,
  /** A tool or external call ({@code execute_tool}, {@code gen_ai.tool.name}, an HTTP client span). */
  TOOL,
  /** Anything else. */
  OTHER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SpanCategory fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
