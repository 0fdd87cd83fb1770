package io.guardstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Clean-up of the temporary directories the in-process commands (demo, bench) work in. */
public final class TempDirs {

  private TempDirs() {}

  public static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless: it is under the OS temp directory
    }
  }
}
