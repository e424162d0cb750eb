package dev.verodestination.ops;

import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.ops.replay.ReplayCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The operator commands: {@code dlq}, {@code webhooks}, {@code replay}, {@code forget}, {@code suppress} and
 * {@code unsuppress}, on the local runner's queues or a deployed stack's; the entry of the operators'
 * own jar, and what the runner's jar runs when given a command. Each command takes its own options
 * and has its own {@code --help}. Exit status 0 when all went as asked, 1 when something was left
 * undone (said why), 2 for a mistake in the command.
 */
public final class Operator {

  static final String TARGET_HELP = """
      Where they act:
          with no queue options, on the local runner at http://127.0.0.1:3000 (--runner URL for another);
          on AWS with --dlq-url, --queue-url, --webhook-dlq-url, or --stack NAME (the stack's outputs),
          the default AWS credential chain, --region (or AWS_REGION), --endpoint-url (e.g. LocalStack).
      Every command prints sentences for a person, or with --json one JSON document for a script;
      COMMAND --help shows each command's options.
      """;

  /** The runner's route that tells the commands where its queues are. */
  public static final String RUNNER_PATH = "/_runner/operator";
  /** The runner's route that forgets users in what only its memory holds: call progress, debugger rows. */
  public static final String RUNNER_FORGET_PATH = "/_runner/forget";
  /** The runner's route that suppresses users, or lets them through again. */
  public static final String RUNNER_SUPPRESS_PATH = "/_runner/suppress";
  /** The header the runner's operator routes require, which no page of another origin can send. */
  public static final String OPERATOR_HEADER = "x-vero-destination-operator";

  private static final List<String> HELP_WORDS = List.of("help", "--help", "-h");

  private Operator() {}

  /** The operators' own jar: {@code java -jar vero-destination-ops.jar COMMAND ...}. */
  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    CommandLine commands = commands(new Terminal(out, err));
    if (args.isEmpty() || HELP_WORDS.contains(args.get(0))) {
      out.print(overview(commands));
      return 0;
    }
    if (!args.get(0).startsWith("-") && !commands.getSubcommands().containsKey(args.get(0))) {
      err.println("unknown command " + args.get(0) + "; see --help");
      return 2;
    }
    if (args.stream().noneMatch(commands.getSubcommands()::containsKey)) {
      // options and no command: the overview, as a mistake
      out.print(overview(commands));
      return args.contains("--help") ? 0 : 2;
    }
    return commands.execute(args.toArray(String[]::new));
  }

  @Command(name = "vero-destination")
  private static final class Commands implements Callable<Integer> {
    @Override
    public Integer call() {
      return 2;
    }
  }

  private static CommandLine commands(Terminal terminal) {
    CommandLine commands = new CommandLine(new Commands())
        .addSubcommand(new CommandLine(new DlqCommand())
            .addSubcommand(new DlqCommand.ListCommand(terminal))
            .addSubcommand(new DlqCommand.ShowCommand(terminal))
            .addSubcommand(new DlqCommand.RedriveCommand(terminal)))
        .addSubcommand(new CommandLine(new WebhooksCommand())
            .addSubcommand(new WebhooksCommand.ListCommand(terminal))
            .addSubcommand(new WebhooksCommand.ResendCommand(terminal)))
        .addSubcommand(new ReplayCommand(terminal, LazyStackOrRunner::new))
        .addSubcommand(new ForgetCommand(terminal))
        .addSubcommand(new SuppressCommand.Suppress(terminal))
        .addSubcommand(new SuppressCommand.Unsuppress(terminal));
    commands.setOut(new PrintWriter(terminal.out(), true));
    commands.setErr(new PrintWriter(terminal.err(), true));
    commands.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
    commands.setUsageHelpWidth(110);
    commands.setParameterExceptionHandler((mistake, args) -> {
      terminal.err().println(describe(mistake) + "; see --help");
      return 2;
    });
    commands.setExecutionExceptionHandler((failure, command, parsed) -> {
      if (failure instanceof UsageException || failure instanceof InvalidSettingException) {
        terminal.err().println(failure.getMessage());
        return 2;
      }
      if (failure instanceof SdkException) {
        terminal.err().println("the queue could not be reached: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        return 1;
      }
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        terminal.err().println("interrupted");
        return 1;
      }
      throw failure;
    });
    return commands;
  }

  private static String describe(ParameterException mistake) {
    if (mistake instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String first = unmatched.getUnmatched().get(0);
      return first.startsWith("-") ? "unknown option " + first : unmatched.getCommandLine().getCommandName() + ": unexpected " + first;
    }
    return mistake.getMessage();
  }

  /** Every command's synopsis and description, from the commands themselves, and where they act. */
  static String overview(CommandLine commands) {
    StringBuilder text = new StringBuilder("local/vd COMMAND ...   (or java -jar vero-destination-ops.jar COMMAND ...)\n"
        + "With no command, local/vd runs the local runner.\n\n");
    for (CommandLine command : commands.getSubcommands().values()) {
      List<CommandLine> leaves = command.getSubcommands().isEmpty() ? List.of(command) : List.copyOf(command.getSubcommands().values());
      for (CommandLine leaf : leaves) {
        CommandSpec spec = leaf.getCommandSpec();
        for (String line : spec.usageMessage().customSynopsis()) {
          text.append(line).append('\n');
        }
        for (String line : spec.usageMessage().description()) {
          text.append("    ").append(line).append('\n');
        }
      }
    }
    return text.append('\n').append(TARGET_HELP).toString();
  }

  /** Resolved only when the replay needs it: a replay to --ingest-url asks no runner and no AWS. */
  private static final class LazyStackOrRunner implements ReplayCommand.TargetLookup {
    private final TargetOptions options;
    private StackOrRunner target;

    LazyStackOrRunner(TargetOptions options) {
      this.options = options;
    }

    private StackOrRunner target() throws UsageException, InterruptedException {
      if (target == null) {
        target = StackOrRunner.resolve(options, Map.of());
      }
      return target;
    }

    @Override
    public Optional<String> ingestUrl() throws UsageException, InterruptedException {
      return target().ingestUrl();
    }

    @Override
    public Optional<String> writeKey() throws UsageException, InterruptedException {
      return target().writeKey();
    }

    @Override
    public ReplayCommand.EventQueue queue() throws UsageException, InterruptedException {
      return new ReplayCommand.EventQueue(target().sqs(), target().queueUrl());
    }

    @Override
    public boolean namesAws() {
      return options.namesAws();
    }

    @Override
    public void close() {
      if (target != null) {
        target.close();
      }
    }
  }
}
