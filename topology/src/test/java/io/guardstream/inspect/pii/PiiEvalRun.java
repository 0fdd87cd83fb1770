package io.guardstream.inspect.pii;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link PiiEval} from Maven, skipped unless asked for:
 *
 * <pre>
 * mvn -o test -pl topology -Dtest=PiiEvalRun -Dpii.eval.in=/tmp/pii_in.jsonl -Dpii.eval.out=/tmp/pii_out.jsonl
 * </pre>
 */
class PiiEvalRun {

  @Test
  @EnabledIfSystemProperty(named = "pii.eval.in", matches = ".+")
  void shouldWriteScanOutputForEveryInputLine() throws Exception {
    PiiEval.run(Path.of(System.getProperty("pii.eval.in")), Path.of(System.getProperty("pii.eval.out")));
  }
}
