package dev.aegis.core.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a policy document from JSON or YAML and checks it whole: the result is the document, or every error found,
 * each with its JSON pointer. A syntax error stops reading and is reported alone, with its line and column.
 */
public final class PolicyParser {
  /** Largest document accepted, in characters. */
  public static final int MAX_LENGTH = 1 << 20;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final ObjectMapper YAML = yamlMapper();

  private PolicyParser() {}

  /** Parses and validates the text. */
  public static PolicyParseResult parse(String text, PolicyFormat format) {
    if (text.length() > MAX_LENGTH) {
      return new PolicyParseResult.Invalid(
          List.of(new PolicyError("", "the document is longer than " + MAX_LENGTH + " characters")));
    }
    JsonNode tree;
    try {
      tree = (format == PolicyFormat.YAML ? YAML : JSON).readTree(text);
    } catch (JsonProcessingException e) {
      return new PolicyParseResult.Invalid(List.of(syntaxError(e, format)));
    }
    return validate(tree);
  }

  /** Validates a document that is already a JSON tree (e.g. part of a larger request body). */
  public static PolicyParseResult validate(JsonNode tree) {
    return new DocumentReader().read(tree);
  }

  /** A mapper that reads YAML into trees: duplicate keys refused, aliases and size bounded. */
  static ObjectMapper yamlMapper() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(MAX_LENGTH);
    options.setNestingDepthLimit(64);
    return YAMLMapper.builder(YAMLFactory.builder().loaderOptions(options).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  private static PolicyError syntaxError(JsonProcessingException e, PolicyFormat format) {
    JsonLocation at = e.getLocation();
    String message;
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
      // SnakeYAML's own message repeats the position and an excerpt; its context and problem say what is wrong
      message = (m.getContext() == null ? "" : m.getContext().strip() + ": ") + m.getProblem().strip();
    } else {
      message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().strip().split("\n", 2)[0];
    }
    Integer line = at == null || at.getLineNr() < 1 ? null : at.getLineNr();
    Integer column = at == null || at.getColumnNr() < 1 ? null : at.getColumnNr();
    String where = line == null ? "" : " at line " + line + (column == null ? "" : ", column " + column);
    return new PolicyError("", "not valid " + format + where + ": " + message, line, column);
  }

}
