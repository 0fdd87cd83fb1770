package io.guardstream.inspect.masking;

import io.guardstream.ingest.PayloadSealer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vault behind the {@code encrypt} operator. A request's prompts carry placeholders
 * ({@code <EMAIL_ADDRESS_1>}) instead of the caller's values; the mapping placeholder → value is
 * sealed here into an opaque blob (AES-256-GCM, a fresh nonce each time, the request id bound as
 * associated data so a blob cannot be replayed onto another request), which travels with the request
 * and is kept until its answer. When the answer comes back, {@link #restore} opens the blob and puts
 * the caller's own values back in place of the placeholders, so the caller reads its own data while
 * the model, the topics in between and the audit trail only ever saw placeholders.
 *
 * <p>The AES key is derived from the configured key ({@code inspect.mask.encryption.key}, at least 32
 * bytes) with HMAC-SHA-256, so the same secret is never used raw for two purposes. Thread-safe.
 */
public final class Deanonymizer {

  public static final String ALGORITHM = PayloadSealer.ALGORITHM;
  private static final String FORMAT = "gsv1.";
  private static final String DERIVATION_LABEL = "guardstream/inspect.mask.encryption/v1";
  /** Longest placeholder looked up: {@code <US_DRIVER_LICENSE_99999>} and then some. */
  private static final int MAX_PLACEHOLDER = 40;

  private final PayloadSealer sealer;

  public Deanonymizer(byte[] key) {
    KeyedHashes.requireStrongKey(key, "the encryption key (inspect.mask.encryption.key)");
    this.sealer = new PayloadSealer(KeyedHashes.hmac(key, DERIVATION_LABEL));
  }

  /** The sealed mapping, bound to {@code requestId}. */
  public String seal(Map<String, String> placeholders, String requestId) {
    return FORMAT + sealer.seal(encode(placeholders), requestId);
  }

  /** The mapping; fails if the key, the request id or any byte of the blob differs. */
  public Map<String, String> open(String blob, String requestId) throws GeneralSecurityException {
    if (blob == null || !blob.startsWith(FORMAT)) {
      throw new GeneralSecurityException("not a masking vault blob");
    }
    try {
      return decode(sealer.open(blob.substring(FORMAT.length()), requestId));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("malformed masking vault blob", e);
    }
  }

  /** {@code answer} with every placeholder of the sealed mapping replaced by the caller's value. */
  public String restore(String answer, String blob, String requestId) throws GeneralSecurityException {
    if (answer == null || answer.indexOf('<') < 0) {
      return answer;
    }
    return restore(answer, open(blob, requestId));
  }

  /** Replaces placeholders found in {@code text}; anything else, other angle brackets included, stays. */
  public static String restore(String text, Map<String, String> placeholders) {
    if (placeholders.isEmpty()) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    int lt;
    while ((lt = text.indexOf('<', from)) >= 0) {
      int gt = text.indexOf('>', lt + 1);
      if (gt < 0) {
        break;
      }
      String value = gt - lt + 1 <= MAX_PLACEHOLDER ? placeholders.get(text.substring(lt, gt + 1)) : null;
      if (value == null) {
        from = lt + 1;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 64);
      }
      out.append(text, copied, lt).append(value);
      copied = gt + 1;
      from = gt + 1;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private static byte[] encode(Map<String, String> placeholders) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.writeInt(placeholders.size());
      for (Map.Entry<String, String> e : placeholders.entrySet()) {
        writeString(out, e.getKey());
        writeString(out, e.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static Map<String, String> decode(byte[] plain) throws GeneralSecurityException {
    try (var in = new DataInputStream(new ByteArrayInputStream(plain))) {
      int n = in.readInt();
      Map<String, String> placeholders = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        placeholders.put(readString(in, plain.length), readString(in, plain.length));
      }
      return placeholders;
    } catch (IOException e) {
      // authenticated by GCM, so only a bug on the sealing side can get here
      throw new GeneralSecurityException("malformed masking vault", e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in, int limit) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > limit) {
      throw new IOException("bad length " + length);
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
