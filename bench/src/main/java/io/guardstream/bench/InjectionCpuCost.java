package io.guardstream.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code InjectionScore}'s two prompts timed in CPU time, as {@link CpuCost} does for the credential
 * checks, so that a change to the injection detector can be compared before and after on a shared
 * machine: {@code java -cp bench/target/benchmarks.jar io.guardstream.bench.InjectionCpuCost}.
 */
public final class InjectionCpuCost {

  private InjectionCpuCost() {}

  public static void main(String[] args) {
    Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
    for (String prompt : new String[] {"benign", "injected"}) {
      var injection = new InjectionScoreBenchmark();
      injection.prompt = prompt;
      injection.setUp();
      operations.put("injection 1 KB " + prompt, injection::score);
    }
    CpuCost.measure(operations);
  }
}
