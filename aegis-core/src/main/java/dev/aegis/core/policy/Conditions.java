package dev.aegis.core.policy;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * The CEL environment of rule conditions: the variables a {@code when} may read, compiling and type-checking an
 * expression, and evaluating it. One environment serves every policy; compiled programs are immutable and shared
 * between threads.
 */
final class Conditions {
  /** Longest condition accepted, in characters; long enough for any rule a person writes. */
  static final int MAX_LENGTH = 4_096;
  /** Most elements a macro ({@code exists}, {@code all}, {@code map}...) may visit in one evaluation. */
  static final int MAX_ITERATIONS = 10_000;

  private static final MapType STRING_TO_DYN = MapType.create(SimpleType.STRING, SimpleType.DYN);
  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setOptions(
              CelOptions.current()
                  .enableHeterogeneousNumericComparisons(true)
                  .maxExpressionCodePointSize(MAX_LENGTH)
                  // attributes come from agents: a macro over a huge list must not stall a decision
                  .comprehensionMaxIterations(MAX_ITERATIONS)
                  .build())
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("request", STRING_TO_DYN)
          .addVar("agent", STRING_TO_DYN)
          .addVar("run", STRING_TO_DYN)
          .addVar("task_type", SimpleType.STRING)
          .addVar("now", SimpleType.TIMESTAMP)
          .build();

  private Conditions() {}

  /** A compiled condition, or why it did not compile. */
  sealed interface Compiled {}

  /** A condition ready to evaluate. */
  record Program(String source, CelRuntime.Program program) implements Compiled {
    /** Evaluates the condition; an error (a missing attribute, a type mismatch) is thrown, never taken as false. */
    boolean test(Map<String, Object> activation) throws CelEvaluationException {
      Object result = program.eval(activation);
      if (result instanceof Boolean b) {
        return b;
      }
      throw new IllegalStateException("condition returned " + result + ", not a bool");
    }
  }

  /** A condition that does not compile or does not return a bool. */
  record Failure(String message) implements Compiled {}

  /** Parses, type-checks and plans the expression. */
  static Compiled compile(String source) {
    if (source.isBlank()) {
      return new Failure("is empty; write a CEL expression that returns a bool, e.g. request.attributes.size_mb > 50");
    }
    if (source.length() > MAX_LENGTH) {
      return new Failure("is longer than " + MAX_LENGTH + " characters");
    }
    try {
      CelValidationResult result = CEL.compile(source);
      if (result.hasError()) {
        return new Failure("does not compile: " + firstLines(result.getErrorString()));
      }
      CelAbstractSyntaxTree ast = result.getAst();
      if (!ast.getResultType().equals(SimpleType.BOOL)) {
        return new Failure(
            "returns " + ast.getResultType().name() + ", not bool; compare the value, e.g. "
                + "request.attributes.flag == true");
      }
      return new Program(source, CEL.createProgram(ast));
    } catch (CelValidationException | CelEvaluationException | RuntimeException e) {
      return new Failure("does not compile: " + e.getMessage());
    }
  }

  /** CEL's error text points at the column under the source; keep it, but drop the tail of long reports. */
  private static String firstLines(String text) {
    String[] lines = text.strip().split("\n");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(lines.length, 6); i++) {
      out.append(i == 0 ? "" : "\n").append(lines[i].replace("<input>:", ""));
    }
    return out.toString();
  }
}
