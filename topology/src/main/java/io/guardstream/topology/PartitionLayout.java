package io.guardstream.topology;

import io.guardstream.config.ConfigException;
import io.guardstream.config.GuardstreamConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start when the three topics that feed the by-principal repartitions have different
 * partition counts. Kafka Streams sizes each repartition topic from its upstream sources, so with
 * unequal counts a principal's requests and its settlements could hash to different tasks, and the
 * response path's join of worker requests with answers would miss: the counters would stop being
 * exact without any error. Topics that do not exist yet are left to Kafka Streams' own check.
 */
final class PartitionLayout {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionLayout.class);

  private PartitionLayout() {}

  static void check(GuardstreamConfig config) {
    List<String> names = List.of(config.topics().requests(), config.topics().workerRequests(),
        config.topics().workerResponses());
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      Map<String, TopicDescription> found = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      check(found);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("could not compare the partition counts of {} before start: {}", names, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void check(Map<String, TopicDescription> topics) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    topics.forEach((name, description) -> counts.put(name, description.partitions().size()));
    if (counts.values().stream().distinct().count() > 1) {
      throw new ConfigException("topics.requests", "the requests topic and the two worker topics must have the "
          + "same number of partitions, so that a principal's requests and settlements meet in one task; found " + counts);
    }
  }
}
