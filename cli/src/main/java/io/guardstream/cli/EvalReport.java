package io.guardstream.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints {@link EvalScores} results as tables for a person; {@code --json} prints the map itself. */
final class EvalReport {

  private EvalReport() {}

  static void print(String task, int rows, Map<String, Object> r, PrintStream out) {
    out.println("eval " + task + ": " + rows + " rows");
    switch (task) {
      case "injection" -> injection(r, out);
      case "pii" -> pii(r, out);
      default -> out.printf(Locale.ROOT, "line recall %.4f   line false-positive rate %.4f%n",
          (Double) r.get("line_recall"), (Double) r.get("line_fpr"));
    }
  }

  @SuppressWarnings("unchecked")
  private static void injection(Map<String, Object> r, PrintStream out) {
    out.printf(Locale.ROOT, "recall on jailbreak + stand-alone injection  %.4f%n", (Double) r.get(EvalScores.RECALL_KEY));
    out.printf(Locale.ROOT, "false-positive rate on benign rows           %s%n", r.get("fpr_benign"));
    out.println("flag rate by label (context-dependent rows need their system_prompt and are not in the recall):");
    ((Map<String, Double>) r.get("rates")).forEach((k, v) -> out.printf(Locale.ROOT, "  %-30s %.4f%n", k, v));
    out.println("ROC (flag when score >= threshold):");
    out.println("  threshold  recall  benign-FPR  context-dependent");
    for (Map<String, Object> p : (List<Map<String, Object>>) r.get("roc")) {
      double t = (Double) p.get("threshold");
      String mark = t == EvalCommand.SHIPPED_FLAG ? "  <- flag" : t == EvalCommand.SHIPPED_BLOCK ? "  <- block" : "";
      out.printf(Locale.ROOT, "  %9.2f  %6.4f  %10.4f  %17.4f%s%n", t, (Double) p.get("recall_attacks"),
          (Double) p.get("fpr_benign"), (Double) p.get("rate_context_dependent"), mark);
    }
    out.println("missing outputs " + r.get("missing_outputs"));
  }

  @SuppressWarnings("unchecked")
  private static void pii(Map<String, Object> r, PrintStream out) {
    out.println("  type            n     recall  precision  F2     unlabelled-fp");
    ((Map<String, Map<String, Object>>) r.get("per_type")).forEach((type, row) ->
        out.printf(Locale.ROOT, "  %-14s %5d  %6.3f  %9.3f  %5.3f  %d%n", type, (Integer) row.get("n"),
            (Double) row.get("recall"), (Double) row.get("precision"), (Double) row.get("f2"), (Integer) row.get("fp")));
    out.printf(Locale.ROOT, "  %-14s %5s  %6.4f  %9.4f  %5.4f%n", "overall", "",
        (Double) r.get("recall_typed"), (Double) r.get("precision_vs_unlabelled"), (Double) r.get("f2"));
    out.printf(Locale.ROOT, "mask recall (any type) %.4f%n", (Double) r.get("mask_recall_any_type"));
    out.println("precision counts a predicted span as false only when it touches no labelled span (score.py's rule)");
  }
}
