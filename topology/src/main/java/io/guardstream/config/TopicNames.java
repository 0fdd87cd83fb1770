package io.guardstream.config;

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
}
