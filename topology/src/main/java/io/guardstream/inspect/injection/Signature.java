package io.guardstream.inspect.injection;

import java.util.regex.Pattern;

/**
 * One weighted pattern of an attack family.
 *
 * @param source {@code file:line} in the catalogue, for explanations and review
 * @param category snake_case attack family reported in the verdict, such as {@code
 *     instruction_override}
 * @param weight probability-like strength in (0, 1); combined by noisy-or
 * @param amplifier counts only when a non-amplifier signature matched too: framing and topic cues
 *     ("purely hypothetical", "counterfeit money") that make a role-play a jailbreak but that are
 *     ordinary on their own
 * @param pattern compiled once, matched against lowercase NFKC text
 * @param startAnchorIds literals a match must begin with (indexes into the catalogue's anchors);
 *     when present the pattern is tried only where one of them occurs, instead of at every
 *     position, which is what keeps a catalogue of hundreds of patterns cheap
 * @param requiredAnchorIds literals one of which must occur somewhere in the text for the pattern
 *     to be worth trying; empty when start anchors suffice
 */
record Signature(
    String source,
    String category,
    double weight,
    boolean amplifier,
    Pattern pattern,
    int[] startAnchorIds,
    int[] requiredAnchorIds) {}
