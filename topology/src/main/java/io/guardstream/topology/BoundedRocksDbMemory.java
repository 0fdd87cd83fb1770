package io.guardstream.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of this process by one shared budget
 * ({@code rocksdb.memory.mb}): one LRU block cache for all stores, in which the write buffer manager
 * also charges the memtables (a quarter of the budget), and index and filter blocks counted in the
 * cache rather than held beside it. Without this each store segment gets its own 50 MB block cache
 * and memtables, so memory grows with the number of stores, segments and partitions.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /** The streams property the budget travels in (Kafka Streams passes its originals to the setter). */
  public static final String MEMORY_BYTES = "guardstream.rocksdb.memory.bytes";

  private static Cache cache;
  private static WriteBufferManager writeBuffers;

  /**
   * One cache per process, sized by the first store that opens: every instance in one JVM (tests,
   * the demo) shares it.
   */
  private static synchronized void init(long bytes) {
    if (cache == null) {
      // high-priority pool share for index and filter blocks, so data blocks cannot evict them
      cache = new LRUCache(bytes, -1, false, 0.1);
      writeBuffers = new WriteBufferManager(bytes / 4, cache);
    }
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    init(Long.parseLong(String.valueOf(configs.get(MEMORY_BYTES))));
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBuffers);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and write buffer manager are shared by every store: never closed per store
  }
}
