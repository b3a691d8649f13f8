package dev.aegis.cli.policy;

import dev.aegis.cli.support.UsageException;
import dev.aegis.client.SourceFormat;
import dev.aegis.core.policy.PolicyError;
import dev.aegis.core.policy.PolicyFormat;
import dev.aegis.core.policy.PolicyParseResult;
import dev.aegis.core.policy.PolicyParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy file read from disk and checked with the same parser the server uses, so that {@code validate},
 * {@code apply}, {@code test} and {@code simulate} report the same errors offline as the server would.
 *
 * @param path the file as given on the command line
 * @param text its content, sent verbatim when applied
 * @param format JSON or YAML, from the extension, else from the first character
 * @param result the document, or every error with its pointer
 */
record PolicyFile(Path path, String text, SourceFormat format, PolicyParseResult result) {

  /** Reads and parses {@code file}; a missing or unreadable file is a usage error (exit 2). */
  static PolicyFile read(Path workDir, String file) {
    Path path = workDir.resolve(file);
    String text = readText(path, file);
    SourceFormat format = SourceFormat.fromFileName(path.getFileName().toString());
    if (format == null) {
      format = text.stripLeading().startsWith("{") ? SourceFormat.JSON : SourceFormat.YAML;
    }
    PolicyFormat parserFormat = format == SourceFormat.YAML ? PolicyFormat.YAML : PolicyFormat.JSON;
    return new PolicyFile(Path.of(file), text, format, PolicyParser.parse(text, parserFormat));
  }

  /** A text file's content; a usage error (exit 2) when it cannot be read as UTF-8. */
  static String readText(Path path, String asGiven) {
    try {
      if (Files.isDirectory(path)) {
        throw new UsageException(asGiven + " is a directory; give a file");
      }
      byte[] bytes = Files.readAllBytes(path);
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new UsageException("there is no file " + asGiven);
    } catch (CharacterCodingException e) {
      throw new UsageException(asGiven + " is not UTF-8 text");
    } catch (IOException e) {
      throw new UsageException("cannot read " + asGiven + ": " + e.getMessage());
    }
  }

  boolean valid() {
    return result instanceof PolicyParseResult.Valid;
  }

  /** The document's policy id; only for a valid file. */
  String policyId() {
    return ((PolicyParseResult.Valid) result).document().policyId();
  }

  List<PolicyError> errors() {
    return result instanceof PolicyParseResult.Invalid invalid ? invalid.errors() : List.of();
  }

  /** Each error as {@code pointer: message}; one about the whole document (bad syntax) as {@code (document): ...}. */
  static List<String> errorLines(List<PolicyError> errors) {
    List<String> lines = new ArrayList<>();
    for (PolicyError error : errors) {
      lines.add((error.pointer().isEmpty() ? "(document)" : error.pointer()) + ": " + error.message());
    }
    return lines;
  }
}
