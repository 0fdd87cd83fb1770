package io.guardstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.guardstream.messages.Alert;
import io.guardstream.messages.ApiKeyRecord;
import io.guardstream.messages.AuditEvent;
import io.guardstream.messages.CallerResponse;
import io.guardstream.messages.ChatMessage;
import io.guardstream.messages.ChatRequest;
import io.guardstream.messages.Choice;
import io.guardstream.messages.Completion;
import io.guardstream.messages.DeadLetter;
import io.guardstream.messages.ErrorBody;
import io.guardstream.messages.Inspection;
import io.guardstream.messages.RateLimitState;
import io.guardstream.messages.RequestContext;
import io.guardstream.messages.Timings;
import io.guardstream.messages.Usage;
import io.guardstream.messages.WorkerError;
import io.guardstream.messages.WorkerRequest;
import io.guardstream.messages.WorkerResponse;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema files themselves: well-formed, documented, consistent with each other and with the records. */
class SchemaDocumentsTest {

  /** Draft 2020-12 keywords we use or would accept; anything else is a typo that validators ignore silently. */
  private static final Set<String> KNOWN_KEYWORDS =
      Set.of(
          "$schema", "$id", "$ref", "$defs", "$comment", "title", "description", "examples", "default",
          "deprecated", "type", "enum", "const", "properties", "required", "additionalProperties",
          "propertyNames", "minProperties", "maxProperties", "dependentRequired", "items", "minItems",
          "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "minimum", "maximum",
          "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "allOf", "anyOf", "oneOf", "not", "if",
          "then", "else");

  private static final Set<String> SUBSCHEMA_MAPS = Set.of("properties", "$defs");
  private static final Set<String> SUBSCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf");
  private static final Set<String> SUBSCHEMAS =
      Set.of("additionalProperties", "propertyNames", "items", "not", "if", "then", "else");

  private final RecordSchemas schemas = RecordSchemas.shared();

  static Stream<String> names() {
    return RecordSchemas.shared().names().stream();
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldConformToTheDraft202012MetaSchema(String name) {
    Schema meta =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    assertThat(meta.validate(schemas.document(name))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldCarryIdTitleDescriptionAndExamples(String name) {
    JsonNode document = schemas.document(name);

    assertThat(document.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(document.path("$id").asText()).isEqualTo("https://guardstream.io/schemas/" + name + ".schema.json");
    assertThat(document.path("title").asText()).contains(name);
    assertThat(document.path("description").asText()).contains(name);
    assertThat(document.path("examples").size()).isPositive();
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldAcceptEveryOwnExample(String name) {
    for (JsonNode example : schemas.document(name).path("examples")) {
      assertThat(schemas.validate(name, example)).as("example %s", example).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldUseOnlyKnownKeywords(String name) {
    List<String> unknown = new ArrayList<>();
    collectUnknownKeywords(schemas.document(name), "#", unknown);

    assertThat(unknown).isEmpty();
  }

  @Test
  void shouldShipTheSameFilesAsTheSourceDirectory() throws IOException {
    // Maven runs tests from the module directory; the published files are schemas/json/*
    try (Stream<Path> files = Files.list(Path.of("json"))) {
      Set<String> published = files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
      assertThat(published)
          .containsExactlyInAnyOrderElementsOf(schemas.names().stream().map(RecordSchemas::fileName).toList());
    }
  }

  @Test
  void shouldKeepSharedDefinitionsIdenticalAcrossFiles() {
    Map<String, JsonNode> firstSeen = new HashMap<>();
    Map<String, String> firstFile = new HashMap<>();
    for (String name : schemas.names()) {
      schemas
          .document(name)
          .path("$defs")
          .properties()
          .forEach(
              definition -> {
                JsonNode earlier = firstSeen.putIfAbsent(definition.getKey(), definition.getValue());
                firstFile.putIfAbsent(definition.getKey(), name);
                if (earlier != null) {
                  assertThat(definition.getValue())
                      .as("$defs/%s in %s and %s", definition.getKey(), name, firstFile.get(definition.getKey()))
                      .isEqualTo(earlier);
                }
              });
    }
    assertThat(firstSeen).containsKeys("ChatMessage", "Usage", "ErrorBody", "RequestId", "Inspection");
  }

  @Test
  void shouldDescribeEveryAuditField() {
    JsonNode audit = schemas.document(RecordSchemas.AUDIT);
    List<String> undocumented = new ArrayList<>();
    collectUndocumentedProperties(audit, audit, "#", undocumented);

    assertThat(undocumented).isEmpty();
  }

  static Stream<Arguments> recordShapes() {
    return Stream.of(
        Arguments.of(ChatRequest.class, RecordSchemas.REQUESTS, ""),
        Arguments.of(ChatMessage.class, RecordSchemas.REQUESTS, "/$defs/ChatMessage"),
        Arguments.of(WorkerRequest.class, RecordSchemas.WORKER_REQUESTS, ""),
        Arguments.of(RequestContext.class, RecordSchemas.WORKER_REQUESTS, "/$defs/RequestContext"),
        Arguments.of(RateLimitState.class, RecordSchemas.WORKER_REQUESTS, "/$defs/RateLimitState"),
        Arguments.of(Inspection.class, RecordSchemas.WORKER_REQUESTS, "/$defs/Inspection"),
        Arguments.of(WorkerResponse.class, RecordSchemas.WORKER_RESPONSES, ""),
        Arguments.of(WorkerError.class, RecordSchemas.WORKER_RESPONSES, "/$defs/WorkerError"),
        Arguments.of(Usage.class, RecordSchemas.WORKER_RESPONSES, "/$defs/Usage"),
        Arguments.of(CallerResponse.class, RecordSchemas.RESPONSES, ""),
        Arguments.of(Completion.class, RecordSchemas.RESPONSES, "/$defs/Completion"),
        Arguments.of(Choice.class, RecordSchemas.RESPONSES, "/$defs/Choice"),
        Arguments.of(ErrorBody.class, RecordSchemas.RESPONSES, "/$defs/ErrorBody"),
        Arguments.of(AuditEvent.class, RecordSchemas.AUDIT, ""),
        Arguments.of(Timings.class, RecordSchemas.AUDIT, "/$defs/Timings"),
        Arguments.of(Alert.class, RecordSchemas.ALERTS, ""),
        Arguments.of(DeadLetter.class, RecordSchemas.DLQ, ""),
        Arguments.of(ApiKeyRecord.class, RecordSchemas.KEYS, ""));
  }

  /** A field added to a record must be added to its schema, or the contract silently drifts. */
  @ParameterizedTest(name = "{0} in {1}{2}")
  @MethodSource("recordShapes")
  void shouldDeclareExactlyTheRecordsFields(Class<? extends Record> type, String name, String pointer) {
    PropertyNamingStrategies.NamingBase snakeCase =
        (PropertyNamingStrategies.NamingBase) Json.MAPPER.getPropertyNamingStrategy();
    Set<String> recordFields =
        Arrays.stream(type.getRecordComponents())
            .map(component -> snakeCase.translate(component.getName()))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> schemaFields = new TreeSet<>();
    schemas.document(name).at(pointer + "/properties").fieldNames().forEachRemaining(schemaFields::add);

    assertThat(schemaFields).isEqualTo(recordFields);
  }

  private static void collectUnknownKeywords(JsonNode schema, String at, List<String> unknown) {
    if (!schema.isObject()) {
      return;
    }
    schema
        .properties()
        .forEach(
            keyword -> {
              String key = keyword.getKey();
              JsonNode value = keyword.getValue();
              String here = at + "/" + key;
              if (!KNOWN_KEYWORDS.contains(key)) {
                unknown.add(here);
              } else if (SUBSCHEMA_MAPS.contains(key)) {
                value.properties().forEach(e -> collectUnknownKeywords(e.getValue(), here + "/" + e.getKey(), unknown));
              } else if (SUBSCHEMA_LISTS.contains(key)) {
                for (int i = 0; i < value.size(); i++) {
                  collectUnknownKeywords(value.get(i), here + "/" + i, unknown);
                }
              } else if (SUBSCHEMAS.contains(key)) {
                collectUnknownKeywords(value, here, unknown);
              }
            });
  }

  private static void collectUndocumentedProperties(
      JsonNode root, JsonNode schema, String at, List<String> undocumented) {
    schema
        .path("properties")
        .properties()
        .forEach(
            property -> {
              JsonNode field = property.getValue();
              String here = at + "/properties/" + property.getKey();
              JsonNode target = field.has("$ref") ? root.at(field.get("$ref").asText().substring(1)) : field;
              if (!field.has("description")) {
                undocumented.add(here);
              }
              collectUndocumentedProperties(root, target, here, undocumented);
            });
  }
}
