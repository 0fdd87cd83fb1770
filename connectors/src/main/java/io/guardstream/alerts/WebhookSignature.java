package io.guardstream.alerts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 over {@code "<timestamp>." + body}, the scheme Stripe and Slack use for their own
 * webhooks. The timestamp is inside the MAC so a captured request cannot be replayed later with a fresh
 * timestamp; the receiver rejects timestamps outside its tolerance. The MAC covers the exact bytes sent,
 * so a receiver must verify the raw body before parsing it.
 */
public final class WebhookSignature {

  public static final String SIGNATURE_HEADER = "X-Guardstream-Signature";
  public static final String TIMESTAMP_HEADER = "X-Guardstream-Timestamp";
  static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /** {@code secret} is used as its UTF-8 bytes; the caller keeps it out of logs. */
  public WebhookSignature(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("webhook secret: must not be empty");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The {@value #SIGNATURE_HEADER} value for {@code body} sent with {@code timestampSeconds}. */
  public String sign(long timestampSeconds, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(mac(timestampSeconds, body));
  }

  /**
   * What a receiver does: the timestamp header must be epoch seconds within {@code tolerance} of
   * {@code now}, and the signature header must match in constant time.
   */
  public boolean verify(String timestampHeader, String signatureHeader, byte[] body, Instant now, Duration tolerance) {
    if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
      return false;
    }
    long timestamp;
    byte[] presented;
    try {
      timestamp = Long.parseLong(timestampHeader.trim());
      presented = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return false; // NumberFormatException included: a malformed header is a failed check
    }
    if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
      return false;
    }
    return MessageDigest.isEqual(mac(timestamp, body), presented);
  }

  private byte[] mac(long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[HmacSHA256, key redacted]";
  }
}
