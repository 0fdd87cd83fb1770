package io.guardstream.messages;

/**
 * How an API key has been used, kept per key id in the pipeline's {@code key-usage} store and read
 * by {@code keys show} from that store's changelog.
 *
 * @param admitted requests the key made that passed the rate limit
 * @param limited requests refused with 429
 * @param firstUsedAt epoch ms of its first authenticated request
 * @param lastUsedAt epoch ms of its latest authenticated request
 */
public record KeyUsage(String keyId, long admitted, long limited, long firstUsedAt, long lastUsedAt) {

  /** This usage with one more request at {@code at}. */
  public KeyUsage plus(boolean wasAdmitted, long at) {
    return new KeyUsage(keyId, admitted + (wasAdmitted ? 1 : 0), limited + (wasAdmitted ? 0 : 1),
        Math.min(firstUsedAt, at), Math.max(lastUsedAt, at));
  }

  public static KeyUsage none(String keyId) {
    return new KeyUsage(keyId, 0, 0, Long.MAX_VALUE, 0);
  }
}
