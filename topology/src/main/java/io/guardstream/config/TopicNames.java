package io.guardstream.config;

import java.util.Properties;

/** The names of Guardstream's topics; the defaults are DESIGN.md's. */
public record TopicNames(
    String requests,
    String workerRequests,
    String workerResponses,
    String responses,
    String audit,
    String alerts,
    String dlq,
    String keys) {

  public static final TopicNames DEFAULTS =
      new TopicNames(
          "llm.requests",
          "llm.worker.requests",
          "llm.worker.responses",
          "llm.responses",
          "llm.audit",
          "llm.alerts",
          "llm.dlq",
          "llm.keys");

  /** Every name with {@code prefix} in front: one tenant's or one test's own set of topics. */
  public TopicNames withPrefix(String prefix) {
    return new TopicNames(prefix + requests, prefix + workerRequests, prefix + workerResponses, prefix + responses,
        prefix + audit, prefix + alerts, prefix + dlq, prefix + keys);
  }

  /** The same names with another request topic. */
  public TopicNames withRequests(String requestsTopic) {
    return new TopicNames(requestsTopic, workerRequests, workerResponses, responses, audit, alerts, dlq, keys);
  }

  /** The {@code topics.*} settings that select these names. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("topics.requests", requests);
    p.setProperty("topics.worker.requests", workerRequests);
    p.setProperty("topics.worker.responses", workerResponses);
    p.setProperty("topics.responses", responses);
    p.setProperty("topics.audit", audit);
    p.setProperty("topics.alerts", alerts);
    p.setProperty("topics.dlq", dlq);
    p.setProperty("topics.keys", keys);
    return p;
  }
}
