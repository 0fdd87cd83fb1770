package io.guardstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The on-disk size of the rate-limit stage's stores for N active principals, each with a request, a
 * token reservation and day and month spend: one request per principal through the real processor and
 * stores of {@link RateLimitStoreBenchmark}, then the stores closed (memtables written out), then the
 * state directory's size.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.guardstream.bench.RateLimitStateSize 100000}
 */
public final class RateLimitStateSize {

  private RateLimitStateSize() {}

  public static void main(String[] args) throws IOException {
    int principals = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    var stage = new RateLimitStoreBenchmark();
    stage.limits = "tokens-and-budgets";
    stage.principals = principals;
    stage.setUp();
    long bytes = stage.closeAndMeasure();
    System.out.printf("%d active principals (requests, tokens, day and month spend, key usage): %.1f MB on disk, %d bytes each%n",
        principals, bytes / 1e6, bytes / principals);
    stage.tearDown();
  }

  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
