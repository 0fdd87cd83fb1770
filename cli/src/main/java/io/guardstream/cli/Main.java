package io.guardstream.cli;

import io.guardstream.cli.bench.BenchCommand;
import io.guardstream.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./guardstream}: the pipeline, its edges and its tools. */
@Command(
    name = "guardstream",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Kafka Streams security-enforcement pipeline for LLM API traffic.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      GatewayCommand.class,
      WorkerCommand.class,
      ScanCommand.class,
      EvalCommand.class,
      ReplayCommand.class,
      KeysCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code; bad input ends in one line on stderr. */
  public static int execute(String... args) {
    var cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("guardstream: " + oneLine(e) + cause(e));
      if (Boolean.getBoolean("guardstream.debug")) {
        e.printStackTrace(commandLine.getErr());
      }
      return e instanceof UsageError || e instanceof ConfigException || e instanceof IllegalArgumentException ? 2 : 1;
    });
    return cli.execute(args);
  }

  /** The root cause, when it says more than the top-level message (Kafka's often do). */
  private static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e || root.getMessage() == null ? "" : " (" + oneLine(root) + ")";
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Bad input from the user: reported as one line, exit code 2. */
  static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"guardstream " + (v == null ? "dev" : v)};
    }
  }
}
