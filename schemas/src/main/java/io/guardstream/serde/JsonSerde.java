package io.guardstream.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for one message record type, through the shared {@link Json} mapper. The reader and
 * writer for the type are made once, so a record costs no look-up of its (de)serialiser.
 */
public final class JsonSerde<T> implements Serde<T> {

  private final Class<T> type;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  private JsonSerde(Class<T> type) {
    this.type = type;
    this.reader = Json.reader(type);
    this.writer = Json.MAPPER.writerFor(type);
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return writer.writeValueAsBytes(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialise " + type.getSimpleName(), e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return reader.readValue(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot parse " + type.getSimpleName(), e);
      }
    };
  }
}
