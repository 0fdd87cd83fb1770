package io.guardstream.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson mapper every topic's value goes through: snake_case names (OpenAI's and the data
 * teams' convention), nulls left out, unknown fields tolerated (the JSON Schemas, not Jackson, decide
 * what an input may hold). Blackbird replaces reflective accessor and constructor calls with generated
 * lambdas: every record on the per-record path goes through here at least once.
 */
public final class Json {

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
          .registerModule(new BlackbirdModule());

  /** One reader per type, made once: {@code readValue(bytes, type)} would look its deserialiser up per call. */
  private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
    @Override
    protected ObjectReader computeValue(Class<?> type) {
      return MAPPER.readerFor(type);
    }
  };

  private Json() {}

  /** The shared mapper's reader for {@code type}. */
  public static ObjectReader reader(Class<?> type) {
    return READERS.get(type);
  }

  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static String toString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static <T> T fromBytes(byte[] bytes, Class<T> type) {
    try {
      return READERS.get(type).readValue(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + type.getSimpleName(), e);
    }
  }

  public static <T> T fromString(String text, Class<T> type) {
    try {
      return MAPPER.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + type.getSimpleName(), e);
    }
  }
}
