/**
 * PII and secret detection: plain Java, no Kafka types, one object shared by the topology, the
 * {@code scan} and {@code replay} commands, benchmarks and tests.
 *
 * <p>{@link io.guardstream.inspect.pii.PiiScanner} runs one {@link
 * io.guardstream.inspect.pii.EntityRecognizer} per entity type (Presidio's recogniser shape: a
 * type, a cheap applicability test on a one-pass {@link io.guardstream.inspect.pii.TextProfile},
 * detection, and a validation hook for checksums), keeps the best non-overlapping spans (higher
 * score, then longer) and reports them in Unicode code points. {@link
 * io.guardstream.inspect.Masking} replaces them by {@code <TYPE>} tags.
 *
 * <p>Scores are confidences in 0..1 and are not thresholded here: a checksum-validated card or
 * IBAN scores 0.8 to 1.0, a phone or SSN shape without context 0.4 to 0.6, context words raise a
 * score. The inspect stage chooses what to mask.
 *
 * <p>Gazetteers and provider token formats are resources under
 * {@code io/guardstream/inspect/pii/}, loaded once when the scanner is built. Quality on the shared
 * development data is measured with {@code PiiEval} (test scope) and the shared {@code score.py}.
 */
package io.guardstream.inspect.pii;
