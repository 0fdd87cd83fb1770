package io.guardstream.inspect;

import java.util.List;

/**
 * The injection detector's verdict on one text.
 *
 * @param flagged score at or above the flag threshold
 * @param score calibrated score in 0..1
 * @param categories the attack families that matched, such as {@code instruction_override}
 */
public record InjectionVerdict(boolean flagged, double score, List<String> categories) {

  public static final InjectionVerdict CLEAN = new InjectionVerdict(false, 0.0, List.of());
}
