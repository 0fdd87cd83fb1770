package io.guardstream.worker;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The offsets, at or beyond a committed position, whose answers are already in the response topic,
 * written into the metadata of that committed offset.
 *
 * <p>Model calls finish out of order, so a partition's committed position can only advance to its
 * oldest unanswered request, while younger requests are answered and produced already. Writing their
 * offsets into the offset metadata, in the same transaction as their answers, lets the next owner of
 * the partition skip them after a crash or rebalance instead of sending them to the model again.
 *
 * <p>Format: {@code a1:} then comma-separated base-36 distances from the committed position. Kafka
 * bounds offset metadata ({@code offset.metadata.max.bytes}, 4096 by default); the worker keeps at
 * most {@link #MAX_OFFSETS} uncommitted records per partition, so the text stays well below it.
 */
final class AnsweredOffsets {

  /** Uncommitted records per partition: 500 distances of up to 3 base-36 digits fit in ~2 KB. */
  static final int MAX_OFFSETS = 500;

  /** Leaves headroom under Kafka's default 4096-byte limit on offset metadata. */
  static final int MAX_CHARS = 3_500;

  private static final String VERSION = "a1:";

  private AnsweredOffsets() {}

  /**
   * The metadata for {@code position} listing {@code answered} (offsets below it are dropped). When
   * the text would be too long (offsets far apart), the farthest offsets are left out: the next owner
   * then calls the model again for them, a duplicate call but never a lost request.
   */
  static String encode(long position, NavigableSet<Long> answered) {
    StringBuilder text = new StringBuilder(VERSION);
    for (long offset : answered.tailSet(position, true)) {
      String distance = Long.toString(offset - position, 36);
      if (text.length() + distance.length() + 1 > MAX_CHARS) {
        break;
      }
      if (text.length() > VERSION.length()) {
        text.append(',');
      }
      text.append(distance);
    }
    return text.length() == VERSION.length() ? "" : text.toString();
  }

  /** The answered offsets recorded with {@code position}; empty for metadata this worker did not write. */
  static NavigableSet<Long> decode(long position, String metadata) {
    NavigableSet<Long> offsets = new TreeSet<>();
    if (metadata == null || !metadata.startsWith(VERSION)) {
      return offsets;
    }
    for (String distance : metadata.substring(VERSION.length()).split(",")) {
      try {
        offsets.add(position + Long.parseLong(distance, 36));
      } catch (NumberFormatException e) {
        // a damaged entry only costs a repeated model call for that request, never a lost one
      }
    }
    return offsets;
  }
}
