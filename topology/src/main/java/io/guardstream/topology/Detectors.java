package io.guardstream.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.guardstream.inspect.InjectionScorer;
import io.guardstream.inspect.PiiDetector;
import java.util.List;
import java.util.function.Function;

/**
 * The plain-Java detectors the topology wires in: built once per process (they load models and
 * gazetteers) and shared by every stream thread.
 *
 * @param requestSchema validates a request's JSON tree: empty when valid, else the problems
 */
public record Detectors(PiiDetector pii, InjectionScorer injection, Function<JsonNode, List<String>> requestSchema) {}
