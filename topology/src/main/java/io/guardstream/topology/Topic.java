package io.guardstream.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** A typed topic handle: a stream can never be read or written with the wrong serdes. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  public Consumed<K, V> consumed() {
    return Consumed.with(keySerde, valueSerde).withName("source-" + name.replace('.', '-'));
  }

  public Produced<K, V> produced(String stage) {
    return Produced.with(keySerde, valueSerde).withName(stage + "-to-" + name.replace('.', '-'));
  }
}
