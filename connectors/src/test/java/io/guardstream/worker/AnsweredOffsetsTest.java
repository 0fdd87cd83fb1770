package io.guardstream.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.guardstream.messages.WorkerResponse;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AnsweredOffsetsTest {

  private static final TopicPartition PARTITION = new TopicPartition("llm.worker.requests", 0);

  @Test
  void shouldReadBackTheAnsweredOffsetsWhenDecodedWithTheSamePosition() {
    var answered = new TreeSet<>(List.of(1_001L, 1_002L, 1_040L, 2_000L));
    String metadata = AnsweredOffsets.encode(1_000, answered);
    assertThat(AnsweredOffsets.decode(1_000, metadata)).containsExactlyElementsOf(answered);
  }

  @Test
  void shouldLeaveOutOffsetsBelowThePositionWhenEncoding() {
    String metadata = AnsweredOffsets.encode(10, new TreeSet<>(List.of(3L, 9L, 10L, 12L)));
    assertThat(AnsweredOffsets.decode(10, metadata)).containsExactly(10L, 12L);
    assertThat(AnsweredOffsets.encode(10, new TreeSet<>(List.of(3L)))).isEmpty();
  }

  @Test
  void shouldStayUnderKafkasMetadataLimitWhenManyFarApartOffsetsAreAnswered() {
    var answered = new TreeSet<Long>();
    LongStream.range(0, 5_000).forEach(i -> answered.add(i * 1_000_000L));
    String metadata = AnsweredOffsets.encode(0, answered);
    assertThat(metadata.length()).isLessThanOrEqualTo(AnsweredOffsets.MAX_CHARS);
    // the nearest are kept: they are the ones the next owner fetches first
    assertThat(AnsweredOffsets.decode(0, metadata)).startsWith(0L, 1_000_000L);
  }

  @Test
  void shouldDecodeToNothingWhenTheMetadataIsSomeoneElses() {
    assertThat(AnsweredOffsets.decode(5, "")).isEmpty();
    assertThat(AnsweredOffsets.decode(5, null)).isEmpty();
    assertThat(AnsweredOffsets.decode(5, "{\"app\":\"other\"}")).isEmpty();
  }

  @Test
  void shouldCommitOnlyUpToTheOldestUnansweredRequestWhenAnswersArriveOutOfOrder() {
    var progress = new PartitionProgress(PARTITION, new OffsetAndMetadata(100));
    LongStream.range(100, 104).forEach(progress::fetched);
    progress.answered(101, answer("r101"));
    progress.answered(103, answer("r103"));

    OffsetAndMetadata commit = progress.pendingCommit();
    assertThat(commit.offset()).isEqualTo(100);
    assertThat(AnsweredOffsets.decode(100, commit.metadata())).containsExactly(101L, 103L);
    assertThat(progress.unproduced()).hasSize(2);

    progress.committed(commit);
    assertThat(progress.pendingCommit()).isNull();
    progress.answered(100, answer("r100"));
    progress.answered(102, answer("r102"));
    assertThat(progress.pendingCommit()).isEqualTo(new OffsetAndMetadata(104, ""));
  }

  @Test
  void shouldSkipRequestsAnEarlierOwnerAnsweredWhenResumingFromItsCommit() {
    var earlier = new PartitionProgress(PARTITION, new OffsetAndMetadata(0));
    LongStream.range(0, 3).forEach(earlier::fetched);
    earlier.answered(1, answer("r1"));
    OffsetAndMetadata commit = earlier.pendingCommit();

    var next = new PartitionProgress(PARTITION, commit);
    assertThat(next.fetched(0)).isTrue();
    assertThat(next.fetched(1)).isFalse();
    assertThat(next.fetched(2)).isTrue();
    next.answered(0, answer("r0"));
    next.answered(2, answer("r2"));
    assertThat(next.pendingCommit()).isEqualTo(new OffsetAndMetadata(3, ""));
    assertThat(next.unproduced()).extracting(ProducerRecord::key).containsExactly("r0", "r2");
  }

  private static ProducerRecord<String, WorkerResponse> answer(String id) {
    return new ProducerRecord<>("llm.worker.responses", id, new WorkerResponse(id, "m", "a", "stop", null, null, 0));
  }
}
