package io.guardstream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns validator errors into one-line messages built only from the instance path and the schema's
 * own constraint. The validator's stock messages and arguments are not used: some of them quote the
 * instance (const, discriminator, property names), and a rejected request can hold a prompt or a
 * pasted credential. For the same reason a property name in a path is shown only when some schema
 * declares it; other names (map keys, unknown properties) are written {@code <key>}.
 */
final class ViolationMessages {

  /** Enough to fix a record; a hostile one with thousands of errors must not make a huge DLQ entry. */
  static final int MAX_MESSAGES = 32;

  static final String REDACTED_KEY = "<key>";

  private final Set<String> declaredNames;

  ViolationMessages(Set<String> declaredNames) {
    this.declaredNames = Set.copyOf(declaredNames);
  }

  List<String> describe(List<Error> errors) {
    Set<String> lines = new LinkedHashSet<>();
    int omitted = 0;
    for (Error error : errors) {
      if (isInsideCombinatorBranch(error)) {
        // the oneOf/anyOf error itself names the alternatives; its branches' errors are noise
        continue;
      }
      String line = path(error.getInstanceLocation()) + ": " + error.getKeyword() + ": " + constraint(error);
      if (lines.size() < MAX_MESSAGES) {
        lines.add(line);
      } else if (!lines.contains(line)) {
        omitted++;
      }
    }
    List<String> result = new ArrayList<>(lines);
    if (omitted > 0) {
      result.add("... and " + omitted + " more violations");
    }
    return List.copyOf(result);
  }

  private String constraint(Error error) {
    JsonNode schema = error.getSchemaNode();
    String keyword = error.getKeyword();
    String text =
        switch (keyword == null ? "" : keyword) {
          case "required" -> "property " + name(error.getProperty()) + " is missing";
          case "dependentRequired" ->
              "property "
                  + name(argument(error, 0))
                  + " is required when "
                  + name(error.getProperty())
                  + " is present";
          case "additionalProperties", "unevaluatedProperties" ->
              "property " + name(error.getProperty()) + " is not allowed";
          case "false" -> "not allowed here";
          case "type" -> "must be " + compact(schema) + ", found " + argument(error, 0);
          case "enum" -> "must be one of " + compact(schema);
          case "const" -> "must be " + compact(schema);
          case "pattern" -> "must match " + schema.asText();
          case "minLength" -> "must be at least " + schema.asText() + " characters";
          case "maxLength" -> "must be at most " + schema.asText() + " characters";
          case "minimum" -> "must be >= " + schema.asText();
          case "maximum" -> "must be <= " + schema.asText();
          case "exclusiveMinimum" -> "must be > " + schema.asText();
          case "exclusiveMaximum" -> "must be < " + schema.asText();
          case "multipleOf" -> "must be a multiple of " + schema.asText();
          case "minItems" -> "must have at least " + schema.asText() + " items";
          case "maxItems" -> "must have at most " + schema.asText() + " items";
          case "uniqueItems" -> "items must be unique";
          case "minProperties" -> "must have at least " + schema.asText() + " properties";
          case "maxProperties" -> "must have at most " + schema.asText() + " properties";
          case "propertyNames" -> "a property name does not satisfy " + compact(schema);
          case "oneOf" -> "must match exactly one of " + alternatives(schema);
          case "anyOf" -> "must match at least one of " + alternatives(schema);
          default -> "violates " + error.getSchemaLocation();
        };
    return isConditional(error) ? text + " (conditional: " + error.getSchemaLocation() + ")" : text;
  }

  /** JSONPath-like rendering, {@code $.messages[0].role}, with undeclared names redacted. */
  private String path(NodePath location) {
    StringBuilder out = new StringBuilder("$");
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        out.append('.').append(declaredOrRedacted(String.valueOf(element)));
      }
    }
    return out.toString();
  }

  private String name(String propertyName) {
    return propertyName != null && declaredNames.contains(propertyName) ? "'" + propertyName + "'" : REDACTED_KEY;
  }

  private String declaredOrRedacted(String propertyName) {
    return declaredNames.contains(propertyName) ? propertyName : REDACTED_KEY;
  }

  private static String argument(Error error, int index) {
    Object[] arguments = error.getArguments();
    return arguments != null && arguments.length > index ? String.valueOf(arguments[index]) : null;
  }

  private static boolean isInsideCombinatorBranch(Error error) {
    NodePath evaluation = error.getEvaluationPath();
    for (int i = 0; i + 1 < evaluation.getNameCount(); i++) {
      Object element = evaluation.getElement(i);
      if (("oneOf".equals(element) || "anyOf".equals(element))
          && evaluation.getElement(i + 1) instanceof Integer) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConditional(Error error) {
    NodePath evaluation = error.getEvaluationPath();
    for (int i = 0; i < evaluation.getNameCount(); i++) {
      Object element = evaluation.getElement(i);
      if ("then".equals(element) || "else".equals(element)) {
        return true;
      }
    }
    return false;
  }

  /** The branches' titles, e.g. {@code [completion, error]}, or their count when untitled. */
  private static String alternatives(JsonNode branches) {
    List<String> titles = new ArrayList<>();
    for (JsonNode branch : branches) {
      JsonNode title = branch.get("title");
      if (title == null) {
        return branches.size() + " alternatives";
      }
      titles.add(title.asText());
    }
    return titles.toString();
  }

  private static String compact(JsonNode schemaValue) {
    if (schemaValue.isArray()) {
      List<String> items = new ArrayList<>();
      schemaValue.forEach(item -> items.add(item.isTextual() ? item.asText() : item.toString()));
      return items.toString();
    }
    return schemaValue.isTextual() ? schemaValue.asText() : schemaValue.toString();
  }

  /**
   * Adds every property name the schema declares (under {@code properties}, {@code required} and
   * {@code dependentRequired}), so paths can show them.
   */
  static void collectDeclaredNames(JsonNode schema, Set<String> declared) {
    if (schema.isArray()) {
      schema.forEach(item -> collectDeclaredNames(item, declared));
      return;
    }
    for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
      JsonNode value = keyword.getValue();
      switch (keyword.getKey()) {
        case "properties" ->
            value.properties().forEach(property -> {
              declared.add(property.getKey());
              collectDeclaredNames(property.getValue(), declared);
            });
        case "dependentRequired" ->
            value.properties().forEach(dependency -> {
              declared.add(dependency.getKey());
              dependency.getValue().forEach(item -> declared.add(item.asText()));
            });
        case "required" -> value.forEach(item -> declared.add(item.asText()));
        // instance data, not declarations: an example's map keys must stay redacted
        case "examples", "const", "enum", "default" -> { }
        default -> collectDeclaredNames(value, declared);
      }
    }
  }
}
