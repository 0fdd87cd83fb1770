package io.guardstream.worker;

import io.guardstream.messages.WorkerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one owned request partition has fetched, answered and committed. Only the worker loop's
 * thread touches it. A new object is made at each assignment, so an answer that arrives for an
 * earlier ownership of the partition is recognised (by identity) and dropped.
 */
final class PartitionProgress {

  private final TopicPartition partition;
  /** Fetched requests without an answer yet: in the backlog or at the model. */
  private final NavigableSet<Long> unanswered = new TreeSet<>();
  /** Answered requests at or beyond the committed position, including those an earlier owner answered. */
  private final NavigableSet<Long> answered = new TreeSet<>();
  /** Answers waiting for the next transaction. */
  private final List<ProducerRecord<String, WorkerResponse>> unproduced = new ArrayList<>();
  private long committed;
  private String committedMetadata;
  /** One past the highest fetched offset; -1 before the first fetch when nothing was committed. */
  private long next;

  PartitionProgress(TopicPartition partition, OffsetAndMetadata lastCommit) {
    this.partition = partition;
    if (lastCommit == null) {
      committed = -1;
      committedMetadata = "";
      next = -1;
    } else {
      committed = lastCommit.offset();
      committedMetadata = lastCommit.metadata();
      next = lastCommit.offset();
      answered.addAll(AnsweredOffsets.decode(committed, lastCommit.metadata()));
    }
  }

  TopicPartition partition() {
    return partition;
  }

  /** Registers a fetched request; false when its answer is already in the response topic. */
  boolean fetched(long offset) {
    next = Math.max(next, offset + 1);
    if (answered.contains(offset)) {
      return false;
    }
    unanswered.add(offset);
    return true;
  }

  void answered(long offset, ProducerRecord<String, WorkerResponse> answer) {
    if (unanswered.remove(offset)) {
      answered.add(offset);
      unproduced.add(answer);
    }
  }

  /** Records between the committed position and the fetch position: the bound on the metadata's size. */
  int uncommitted() {
    return unanswered.size() + answered.size();
  }

  List<ProducerRecord<String, WorkerResponse>> unproduced() {
    return unproduced;
  }

  /** The position to commit: the oldest unanswered request, or one past the last fetched. */
  long position() {
    return unanswered.isEmpty() ? next : unanswered.first();
  }

  /** The commit that would record this partition's progress, or null when there is none. */
  OffsetAndMetadata pendingCommit() {
    if (next < 0) {
      return null;
    }
    long position = position();
    String metadata = AnsweredOffsets.encode(position, answered);
    if (unproduced.isEmpty() && position == committed && metadata.equals(committedMetadata)) {
      return null;
    }
    return new OffsetAndMetadata(position, metadata);
  }

  /** The transaction holding {@code commit} and the unproduced answers went through. */
  void committed(OffsetAndMetadata commit) {
    committed = commit.offset();
    committedMetadata = commit.metadata();
    unproduced.clear();
    answered.headSet(committed, false).clear();
  }
}
