package dev.aegis.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the YAML configuration file into dotted keys; nested ({@code server: {port: 1}}) and flat keys both work. */
final class YamlFile {
  private static final ObjectMapper YAML = new YAMLMapper();

  private YamlFile() {}

  /**
   * The file's settings by dotted key; a null value means the key is present but empty. Problems go to
   * {@code errors}.
   */
  static Map<String, String> read(Path file, String origin, List<String> errors) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      errors.add("config file " + file + " (from " + origin + ") does not exist; fix the path or remove "
          + origin);
      return out;
    } catch (JacksonException e) {
      errors.add("config file " + file + " is not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
      return out;
    } catch (IOException e) {
      errors.add("config file " + file + " (from " + origin + ") cannot be read: " + e.getMessage());
      return out;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return out;
    }
    if (!root.isObject()) {
      errors.add("config file " + file + " must be a mapping of keys, such as 'server: {port: 4318}'");
      return out;
    }
    flatten("", root, file, out, errors);
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Path file, Map<String, String> out, List<String> errors) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject() && ConfigKeys.byName(key).isEmpty()) {
        flatten(key, value, file, out, errors);
      } else if (value.isContainerNode()) {
        errors.add(key + " in file " + file + " must be a single value, not a "
            + (value.isArray() ? "list" : "mapping"));
      } else if (out.containsKey(key)) {
        errors.add(key + " is set twice in file " + file + "; keep one");
      } else {
        out.put(key, value.isNull() ? null : value.asText());
      }
    }
  }
}
