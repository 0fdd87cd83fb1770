package io.guardstream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.guardstream.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON Schema of every topic's value, loaded once from the classpath and compiled up front, so
 * that validating a record on the per-record path only walks prebuilt validators. Immutable and
 * safe to share between stream threads.
 *
 * <p>Violation messages name the path and the broken constraint, never the offending value: inputs
 * carry prompts and sometimes credentials, and these messages end up in DLQ records, responses and
 * logs.
 */
public final class RecordSchemas {

  public static final String REQUESTS = "llm.requests";
  public static final String WORKER_REQUESTS = "llm.worker.requests";
  public static final String WORKER_RESPONSES = "llm.worker.responses";
  public static final String RESPONSES = "llm.responses";
  public static final String AUDIT = "llm.audit";
  public static final String ALERTS = "llm.alerts";
  public static final String DLQ = "llm.dlq";
  public static final String KEYS = "llm.keys";

  /** Where the build puts {@code schemas/json/*.schema.json}. */
  static final String RESOURCE_DIRECTORY = "/io/guardstream/schemas/";

  static final String FILE_SUFFIX = ".schema.json";
  static final String ID_PREFIX = "https://guardstream.io/schemas/";

  private static final List<String> ALL =
      List.of(REQUESTS, WORKER_REQUESTS, WORKER_RESPONSES, RESPONSES, AUDIT, ALERTS, DLQ, KEYS);

  private final Map<String, Schema> schemas;
  private final Map<String, JsonNode> documents;
  private final Set<String> names;
  private final ViolationMessages messages;

  private RecordSchemas(Map<String, JsonNode> documents) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Map<String, Schema> compiled = new LinkedHashMap<>();
    Set<String> declared = new HashSet<>();
    documents.forEach(
        (name, document) -> {
          String expectedId = ID_PREFIX + fileName(name);
          if (!expectedId.equals(document.path("$id").asText())) {
            throw new IllegalStateException("schema " + name + " must have $id " + expectedId);
          }
          Schema schema = registry.getSchema(SchemaLocation.of(expectedId), document);
          // Build every validator now: lazy initialisation would race between stream threads and
          // put the first record of each shape on a slow path.
          schema.initializeValidators();
          compiled.put(name, schema);
          ViolationMessages.collectDeclaredNames(document, declared);
        });
    this.schemas = Collections.unmodifiableMap(compiled);
    this.documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    this.names = Collections.unmodifiableSet(new LinkedHashSet<>(documents.keySet()));
    this.messages = new ViolationMessages(declared);
  }

  /** The schemas shipped in this jar, loaded on first use. */
  public static RecordSchemas shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final RecordSchemas INSTANCE = loadFromClasspath();
  }

  static RecordSchemas loadFromClasspath() {
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    for (String name : ALL) {
      documents.put(name, readResource(RESOURCE_DIRECTORY + fileName(name)));
    }
    return new RecordSchemas(documents);
  }

  /** The file a schema is published as, e.g. {@code llm.audit.schema.json}. */
  public static String fileName(String schemaName) {
    return schemaName + FILE_SUFFIX;
  }

  /** Schema names, which are the default topic names, in pipeline order. */
  public Set<String> names() {
    return names;
  }

  /** A copy of the schema document, e.g. to publish it or to register it with a schema registry. */
  public JsonNode document(String schemaName) {
    JsonNode document = documents.get(schemaName);
    if (document == null) {
      throw unknown(schemaName);
    }
    return document.deepCopy();
  }

  /**
   * Validates a JSON value against a topic's schema.
   *
   * @return one line per violation, {@code "<json path>: <keyword>: <constraint>"}, empty when valid;
   *     at most {@value ViolationMessages#MAX_MESSAGES} lines plus a count of the rest
   */
  public List<String> validate(String schemaName, JsonNode value) {
    Objects.requireNonNull(value, "value");
    Schema schema = schemas.get(schemaName);
    if (schema == null) {
      throw unknown(schemaName);
    }
    List<Error> errors = schema.validate(value);
    return errors.isEmpty() ? List.of() : messages.describe(errors);
  }

  /** Validates a message record as {@link Json#MAPPER} writes it. */
  public List<String> validate(String schemaName, Object record) {
    Objects.requireNonNull(record, "record");
    JsonNode value = record instanceof JsonNode node ? node : Json.MAPPER.valueToTree(record);
    return validate(schemaName, value);
  }

  private IllegalArgumentException unknown(String schemaName) {
    return new IllegalArgumentException("unknown schema '" + schemaName + "', known: " + names);
  }

  private static JsonNode readResource(String path) {
    try (InputStream in = RecordSchemas.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the classpath: " + path);
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource " + path, e);
    }
  }
}
