package io.guardstream.messages;

import java.util.List;
import java.util.Map;

/** What the prompt inspection found: PII counts by type (never values) and the injection verdict. */
public record Inspection(
    Map<String, Integer> piiCounts,
    double injectionScore,
    boolean injectionFlagged,
    List<String> injectionCategories) {}
