package io.guardstream.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker and KRaft controller in this JVM, for {@code demo}, {@code bench} and the
 * integration tests. It listens on 127.0.0.1 only, replicates everything once, and supports transactions,
 * so exactly_once_v2 Streams applications run against it unchanged.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final int NODE_ID = 1;
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String HOST = "127.0.0.1";
  // A port picked free can be taken by someone else before the broker binds it; a fresh pair usually works.
  private static final int START_ATTEMPTS = 3;
  private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaRaftServer server;
  private final Path logDir;
  private final boolean deleteLogDirOnClose;
  private final String bootstrapServers;
  private final Admin admin;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, Path logDir, boolean deleteLogDirOnClose, String bootstrapServers) {
    this.server = server;
    this.logDir = logDir;
    this.deleteLogDirOnClose = deleteLogDirOnClose;
    this.bootstrapServers = bootstrapServers;
    this.admin = Admin.create(clientProperties());
  }

  /** Starts a broker over a fresh temporary directory, which {@link #close()} deletes. */
  public static EmbeddedKafka start() {
    Path dir;
    try {
      dir = Files.createTempDirectory("guardstream-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary Kafka log directory", e);
    }
    try {
      return start(dir, true);
    } catch (RuntimeException e) {
      deleteRecursively(dir);
      throw e;
    }
  }

  /**
   * Starts a broker over {@code logDir}, creating and formatting it when it holds no Kafka data yet and
   * reusing what it holds otherwise (topics and records survive a restart). The caller owns the directory:
   * {@link #close()} leaves it in place.
   */
  public static EmbeddedKafka start(Path logDir) {
    return start(logDir, false);
  }

  private static EmbeddedKafka start(Path logDir, boolean deleteLogDirOnClose) {
    long started = System.nanoTime();
    formatUnlessFormatted(logDir);
    RuntimeException lastFailure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int[] ports = freePorts(2);
      int brokerPort = ports[0];
      int controllerPort = ports[1];
      KafkaRaftServer server = new KafkaRaftServer(brokerConfig(logDir, brokerPort, controllerPort), Time.SYSTEM);
      try {
        // Returns once the broker is registered and unfenced, so it serves requests right away.
        server.startup();
      } catch (RuntimeException e) {
        lastFailure = e;
        LOG.warn("embedded Kafka failed to start on ports {}/{} (attempt {} of {}): {}",
            brokerPort, controllerPort, attempt, START_ATTEMPTS, e.toString());
        shutdownQuietly(server);
        continue;
      }
      String bootstrap = HOST + ":" + brokerPort;
      LOG.info("embedded Kafka ready at {} in {} ms, log dir {}",
          bootstrap, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logDir);
      try {
        return new EmbeddedKafka(server, logDir, deleteLogDirOnClose, bootstrap);
      } catch (RuntimeException e) {
        shutdownQuietly(server);
        throw e;
      }
    }
    throw new IllegalStateException("embedded Kafka did not start after " + START_ATTEMPTS + " attempts", lastFailure);
  }

  /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Where the broker keeps its data and metadata log. */
  public Path logDir() {
    return logDir;
  }

  /** A fresh copy of the properties a client needs to reach this broker; add the client's own on top. */
  public Properties clientProperties() {
    Properties properties = new Properties();
    properties.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return properties;
  }

  /** A shared admin client, closed by {@link #close()}; callers must not close it. */
  public Admin admin() {
    return admin;
  }

  /** Creates each topic with its number of partitions and waits until every partition has a leader. */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    List<NewTopic> topics = new ArrayList<>();
    partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
    create(topics);
  }

  /**
   * Creates the topics, each with {@code partitions} partitions and the given topic configs (for example
   * {@code cleanup.policy=compact}), and waits until every partition has a leader.
   */
  public void createTopics(Set<String> names, int partitions, Map<String, String> topicConfigs) {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(new NewTopic(name, partitions, (short) 1).configs(topicConfigs));
    }
    create(topics);
  }

  /** Creates a compacted topic (a registry such as the API-keys topic) and waits until it is ready. */
  public void createCompactedTopic(String name, int partitions) {
    createTopics(Set.of(name), partitions,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  /** Stops the broker and controller, then deletes the log directory if {@link #start()} created it. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    admin.close(Duration.ofSeconds(5));
    shutdownQuietly(server);
    if (deleteLogDirOnClose) {
      deleteRecursively(logDir);
    }
  }

  private void create(Collection<NewTopic> topics) {
    if (topics.isEmpty()) {
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    topics.forEach(topic -> names.add(topic.name()));
    try {
      admin.createTopics(topics).values().forEach((name, result) -> {
        try {
          result.get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          // An existing topic is kept as it is, so a restart over the same log directory works.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
          throw new IllegalStateException("topic " + name + " was not created within " + TOPIC_READY_TIMEOUT, e);
        }
      });
      awaitLeaders(names);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for topics " + names, e);
    }
  }

  /**
   * A produce right after creation can hit NOT_LEADER_OR_FOLLOWER, which can wedge an idempotent producer.
   * Metadata naming a leader is not enough (the metadata cache is updated before the replica becomes
   * leader), so this also lists offsets, which only the partition's actual leader answers.
   */
  private void awaitLeaders(Set<String> names) throws InterruptedException {
    long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
    List<TopicPartition> partitions = partitionsWithLeaders(names);
    while (partitions.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "topics " + names + " have partitions without a leader after " + TOPIC_READY_TIMEOUT);
      }
      Thread.sleep(50);
      partitions = partitionsWithLeaders(names);
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    try {
      admin.listOffsets(latest).all().get(remainingMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("topics " + names + " have partitions not served by their leader", e);
    }
  }

  /** Every partition of the topics when all have a leader, otherwise an empty list. */
  private List<TopicPartition> partitionsWithLeaders(Set<String> names) throws InterruptedException {
    Map<String, TopicDescription> descriptions;
    try {
      descriptions = admin.describeTopics(names).allTopicNames()
          .get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Just-created topics can be briefly unknown to the broker's metadata cache.
      return List.of();
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicDescription description : descriptions.values()) {
      for (TopicPartitionInfo info : description.partitions()) {
        if (info.leader() == null || info.leader().isEmpty()) {
          return List.of();
        }
        partitions.add(new TopicPartition(description.name(), info.partition()));
      }
    }
    return partitions;
  }

  private static void formatUnlessFormatted(Path logDir) {
    try {
      Files.createDirectories(logDir);
      if (Files.exists(logDir.resolve("meta.properties"))) {
        return;
      }
      new Formatter()
          .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka log directory " + logDir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka log directory " + logDir, e);
    }
  }

  private static KafkaConfig brokerConfig(Path logDir, int brokerPort, int controllerPort) {
    Map<String, String> config = new HashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", Integer.toString(NODE_ID));
    config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    config.put("controller.listener.names", CONTROLLER_LISTENER);
    config.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort
        + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    config.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
    config.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    config.put("inter.broker.listener.name", BROKER_LISTENER);
    config.put("log.dirs", logDir.toString());
    // One node: every internal topic must fit on one replica, or transactions and groups never start.
    config.put("offsets.topic.replication.factor", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("default.replication.factor", "1");
    config.put("min.insync.replicas", "1");
    // Fewer coordinator partitions to load makes the first group join and the first transaction faster.
    config.put("offsets.topic.num.partitions", "4");
    config.put("transaction.state.log.num.partitions", "4");
    config.put("group.initial.rebalance.delay.ms", "0");
    // The default dedupe buffer takes 128 MiB of heap up front; 4 MiB still compacts ~170k keys a pass.
    config.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
    // Every topic is created explicitly, so a misspelt topic name fails instead of silently appearing.
    config.put("auto.create.topics.enable", "false");
    return KafkaConfig.fromProps(toProperties(config), false);
  }

  private static Properties toProperties(Map<String, String> map) {
    Properties properties = new Properties();
    properties.putAll(map);
    return properties;
  }

  /** Distinct free ports: all sockets stay open until every port is picked, so none is handed out twice. */
  private static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          LOG.debug("cannot close port probe {}: {}", socket, e.toString());
        }
      }
    }
  }

  private static void shutdownQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("embedded Kafka did not shut down cleanly: {}", e.toString());
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("cannot delete Kafka log directory {}: {}", root, e.toString());
    }
  }
}
