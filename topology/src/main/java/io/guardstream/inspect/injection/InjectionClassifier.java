package io.guardstream.inspect.injection;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.IntConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Logistic regression over hashed n-grams ({@link NgramHasher}) of normalised text: the learned
 * layer that catches paraphrased overrides and jailbreak templates no signature names.
 *
 * <p>At training time the logit is Platt-scaled with its operating point pinned: the bias is
 * shifted so that probability 0.5 sits at the threshold chosen on held-out benign prompts, and the
 * whole table is multiplied by the slope fitted on held-out rows, so that the probability is
 * calibrated and the detector can combine it with the signature score directly. Feature hashing is signed (the top hash bit picks the sign), so
 * collisions cancel in expectation instead of adding up.
 *
 * <p>Immutable after construction and thread-safe. Scoring costs three table lookups per word,
 * in a table of 16-bit weights.
 */
final class InjectionClassifier {

  static final String RESOURCE = "injection-classifier.bin.gz";

  /**
   * The logit is the mean feature weight (one over the count), never divided by fewer than this
   * many features (about 40 words): a one-line prompt carries little evidence, and without the
   * floor a few words the attacks use ("share your password") flag a short benign sentence on their
   * own. Short attacks are left to the signatures, which name them precisely.
   *
   * <p>Version 1 divided by the square root of the count. The dev data's long texts are nearly all
   * jailbreak templates, so common prose n-grams learned a small positive weight, and under a
   * square root their sum grew with length: two in three benign 1 KB prompts (letters, plans,
   * essays; {@code benign-long-prose.jsonl} in the tests) scored 0.50 to 0.68. The mean does not
   * grow with length, so a long prompt is judged by what it says, not by how much it says.
   */
  static final int MIN_SCALED_FEATURES = 112;

  private static final int MAGIC = 0x47534943; // "GSIC"
  /** 2: mean-pooled features; a version-1 table is on another scale and must not load. */
  private static final int FORMAT = 2;

  private final int mask;
  private final float bias;

  /**
   * The weights in units of {@link #unit}, 16 bits each: half the cache lines of the 32-bit floats
   * they are rounded from (512 KB instead of 1 MB for 2^18 buckets), and a scan reads about 500 of
   * them at random. The rounding error is at most half a unit, {@code max |w| / 65534}, per
   * weight, and the logit is their mean: over the development texts and their disguised variants
   * (125,103) it moved 2,378 scores by 0.0001 and flagged none differently.
   */
  private final short[] weights;

  private final double unit;

  InjectionClassifier(int bits, float bias, float[] weights) {
    if (bits < 8 || bits > 24 || weights.length != 1 << bits) {
      throw new IllegalArgumentException(
          "classifier table must have 2^bits weights, bits in 8..24: " + bits);
    }
    this.mask = (1 << bits) - 1;
    this.bias = bias;
    this.unit = unit(weights);
    this.weights = quantize(weights, unit);
  }

  /** The step of the 16-bit table: the largest weight maps to {@link Short#MAX_VALUE}. */
  static double unit(float[] weights) {
    double largest = 0;
    for (float w : weights) {
      largest = Math.max(largest, Math.abs(w));
    }
    return largest == 0 ? 1.0 : largest / Short.MAX_VALUE;
  }

  static short[] quantize(float[] weights, double unit) {
    short[] out = new short[weights.length];
    for (int i = 0; i < weights.length; i++) {
      out[i] = (short) Math.round(weights[i] / unit);
    }
    return out;
  }

  /** Loads the model committed next to this class. */
  static InjectionClassifier load() {
    try (InputStream in = InjectionClassifier.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("injection classifier model missing: " + RESOURCE);
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read injection classifier " + RESOURCE, e);
    }
  }

  static InjectionClassifier read(InputStream raw) throws IOException {
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw), 1 << 16));
    if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
      throw new IOException("not an injection classifier model, format " + FORMAT);
    }
    int bits = in.readInt();
    float bias = in.readFloat();
    float[] weights = new float[1 << bits];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = in.readFloat();
    }
    return new InjectionClassifier(bits, bias, weights);
  }

  /** Writes the rounded weights: a model read back scores exactly as this one. */
  void write(OutputStream raw) throws IOException {
    float[] table = new float[weights.length];
    for (int i = 0; i < table.length; i++) {
      table[i] = (float) (weights[i] * unit);
    }
    write(raw, Integer.bitCount(mask), bias, table);
  }

  /** The trainer writes its float table as it is, so that the committed model stays reproducible. */
  static void write(OutputStream raw, int bits, float bias, float[] weights) throws IOException {
    GZIPOutputStream gzip = new GZIPOutputStream(raw, 1 << 16);
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gzip, 1 << 16));
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeInt(bits);
    out.writeFloat(bias);
    for (float w : weights) {
      out.writeFloat(w);
    }
    out.flush();
    gzip.finish();
  }

  /** Probability that {@code normalized} (a {@link TextNormalizer} text view) is an attack. */
  double probability(String normalized) {
    return 1.0 / (1.0 + Math.exp(-logit(normalized)));
  }

  double logit(String normalized) {
    Accumulator acc = new Accumulator();
    NgramHasher.forEach(normalized, acc);
    return bias + acc.sum * unit * scale(acc.count);
  }

  /** The weight of each feature occurrence in a text with {@code count} of them. */
  static double scale(int count) {
    return 1.0 / Math.max(count, MIN_SCALED_FEATURES);
  }

  /** Sums in whole units: exact, and independent of the order the features come in. */
  private final class Accumulator implements IntConsumer {
    long sum;
    int count;

    @Override
    public void accept(int hash) {
      int w = weights[hash & mask];
      sum += hash < 0 ? -w : w;
      count++;
    }
  }
}
