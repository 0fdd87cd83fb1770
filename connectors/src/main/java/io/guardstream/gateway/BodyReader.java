package io.guardstream.gateway;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while bytes are in flight (Jetty's read/demand
 * loop), and stops at the size limit instead of buffering whatever a client sends.
 */
final class BodyReader implements Runnable {

  /** The body is larger than the limit; nothing past the limit was read. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("request body too large", null, false, false);
    }
  }

  private final Request request;
  private final int maxBytes;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private byte[] buffer;
  private int size;

  private BodyReader(Request request, int maxBytes) {
    this.request = request;
    this.maxBytes = maxBytes;
    long declared = request.getLength();
    this.buffer = new byte[declared > 0 && declared <= maxBytes ? (int) declared : Math.min(maxBytes, 8192)];
  }

  /** The whole body, or failed with {@link TooLarge} or the transport's error. */
  static CompletableFuture<byte[]> read(Request request, int maxBytes) {
    BodyReader reader = new BodyReader(request, maxBytes);
    reader.run();
    return reader.body;
  }

  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        body.completeExceptionally(chunk.getFailure());
        return;
      }
      boolean appended = append(chunk.getByteBuffer());
      boolean last = chunk.isLast();
      chunk.release();
      if (!appended) {
        body.completeExceptionally(new TooLarge());
        return;
      }
      if (last) {
        body.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
        return;
      }
    }
  }

  private boolean append(ByteBuffer bytes) {
    int n = bytes.remaining();
    if (n > maxBytes - size) {
      return false;
    }
    if (size + n > buffer.length) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(size + n, 2L * buffer.length)));
    }
    bytes.get(buffer, size, n);
    size += n;
    return true;
  }
}
