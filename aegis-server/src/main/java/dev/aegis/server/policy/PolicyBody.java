package dev.aegis.server.policy;

import dev.aegis.core.policy.PolicyDocument;
import dev.aegis.core.policy.PolicyError;
import dev.aegis.core.policy.PolicyFormat;
import dev.aegis.core.policy.PolicyParseResult;
import dev.aegis.core.policy.PolicyParser;
import dev.aegis.server.http.JsonBody;
import dev.aegis.server.http.Problem;
import dev.aegis.server.http.ProblemException;
import dev.aegis.server.http.ProblemType;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads a policy document from a request body, in JSON or YAML as its Content-Type says. */
final class PolicyBody {
  private PolicyBody() {}

  /**
   * The submitted text and the document it holds.
   *
   * @param text the body as sent
   * @param format JSON or YAML
   * @param document the validated document
   */
  record Read(String text, PolicyFormat format, PolicyDocument document) {}

  /** Reads and validates the body: 415 for another media type, 400 for text that is not UTF-8, 422 with every error. */
  static Read read(Context ctx) {
    PolicyFormat format = PolicyFormat.fromContentType(ctx.header("Content-Type"));
    if (format == null) {
      String was = ctx.header("Content-Type") == null ? "no Content-Type" : "Content-Type '"
          + ctx.header("Content-Type") + "'";
      throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the policy as application/json or"
          + " application/yaml; the request had " + was + ".");
    }
    String text = utf8(JsonBody.readBytes(ctx));
    if (text.isBlank()) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body is empty; send a policy document.");
    }
    return switch (PolicyParser.parse(text, format)) {
      case PolicyParseResult.Valid valid -> new Read(text, format, valid.document());
      case PolicyParseResult.Invalid invalid -> throw invalid(invalid.errors());
    };
  }

  /** A 422 that lists every error with its JSON pointer. */
  static ProblemException invalid(List<PolicyError> errors) {
    List<Problem.FieldError> fields =
        errors.stream().map(e -> Problem.FieldError.atPointer(e.pointer(), e.message())).toList();
    String first = errors.getFirst().toString();
    first = first.endsWith(".") ? first : first + ".";
    String detail = errors.size() == 1
        ? "The policy is not valid: " + first
        : "The policy is not valid: " + errors.size() + " errors, the first " + first;
    return new ProblemException(ProblemType.VALIDATION, detail, fields);
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body is not UTF-8 text.");
    }
  }
}
