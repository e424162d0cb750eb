package dev.verodestination.ops;

import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.ops.CommandLine.UsageException;
import dev.verodestination.ops.replay.ReplayCommand;
import java.io.PrintStream;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The operator commands of the runner's jar: {@code dlq}, {@code webhooks}, {@code replay} and {@code forget}, on
 * the local runner's queues or a deployed stack's. Exit status 0 when all went as asked, 1 when
 * something was left undone (said why), 2 for a mistake in the command.
 */
public final class Operator {

  static final String TARGET_HELP = """
      Where they act:
          with no queue options, on the local runner at http://127.0.0.1:3000 (--runner URL for another);
          on AWS with --dlq-url, --queue-url, --webhook-dlq-url, or --stack NAME (the stack's outputs),
          the default AWS credential chain, --region (or AWS_REGION), --endpoint-url (e.g. LocalStack).
      Every command prints sentences for a person, or with --json one JSON document for a script.
      """;

  static final String HELP = "java -jar local/target/vero-destination-local.jar COMMAND ...\n"
      + "With no command, runs the local runner.\n\n" + DlqCommand.HELP + "\n" + WebhooksCommand.HELP + "\n" + ReplayCommand.HELP
      + "\n" + ForgetCommand.HELP + "\n" + SuppressCommand.HELP + "\n" + TARGET_HELP;

  /** The runner's route that tells the commands where its queues are. */
  public static final String RUNNER_PATH = "/_runner/operator";
  /** The runner's route that forgets users in what only its memory holds: call progress, debugger rows. */
  public static final String RUNNER_FORGET_PATH = "/_runner/forget";
  /** The runner's route that suppresses users, or lets them through again. */
  public static final String RUNNER_SUPPRESS_PATH = "/_runner/suppress";
  /** The header the runner's operator routes require, which no page of another origin can send. */
  public static final String OPERATOR_HEADER = "x-vero-destination-operator";

  private static final Set<String> FLAGS = Set.of("json", "dry-run", "help", "progress", "suppress");
  private static final Set<String> OPTIONS = Set.of("runner", "queue-url", "dlq-url", "webhook-dlq-url", "stack", "region",
      "endpoint-url", "webhook-url", "reason", "user", "message", "limit", "ingest-url", "write-key", "rate", "batch-size",
      "state", "progress-table");

  private Operator() {}

  public static boolean isCommand(String word) {
    return List.of("dlq", "webhooks", "replay", "forget", "suppress", "unsuppress", "help", "--help", "-h").contains(word);
  }

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
      out.print(HELP);
      return 0;
    }
    CommandLine line;
    try {
      line = CommandLine.parse(args, FLAGS, OPTIONS);
    } catch (UsageException e) {
      err.println(e.getMessage() + "; see --help");
      return 2;
    }
    if (line.words().isEmpty()) {
      out.print(HELP);
      return line.flag("help") ? 0 : 2;
    }
    String command = line.words().get(0);
    String action = line.words().size() > 1 ? line.words().get(1) : "";
    if (line.flag("help")) {
      out.print(switch (command) {
        case "dlq" -> DlqCommand.HELP;
        case "webhooks" -> WebhooksCommand.HELP;
        case "replay" -> ReplayCommand.HELP;
        case "forget" -> ForgetCommand.HELP;
        case "suppress", "unsuppress" -> SuppressCommand.HELP;
        default -> HELP;
      } + "\n" + TARGET_HELP);
      return 0;
    }
    CommandOutput output = new CommandOutput(out, err, line.flag("json"));
    try {
      return switch (command) {
        case "dlq" -> withStackOrRunner(line, t -> DlqCommand.run(action, line, t, output));
        case "webhooks" -> withStackOrRunner(line, t -> WebhooksCommand.run(action, line, t, output));
        case "replay" -> replay(line, output);
        case "forget" -> {
          List<String> userIds = ForgetCommand.userIds(line);
          yield withStackOrRunner(line, t -> ForgetCommand.run(userIds, line.flag("suppress"), t, output));
        }
        case "suppress", "unsuppress" -> {
          List<String> userIds = SuppressCommand.userIds(line, command,
              command.equals("suppress") ? "to suppress" : "to let through again");
          yield withStackOrRunner(line, t -> SuppressCommand.run(userIds, command.equals("suppress"), t, output));
        }
        default -> throw new UsageException("unknown command " + command);
      };
    } catch (UsageException | InvalidSettingException e) {
      err.println(e.getMessage());
      return 2;
    } catch (SdkException e) {
      err.println("the queue could not be reached: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("interrupted");
      return 1;
    }
  }

  private interface WithStackOrRunner {
    int run(StackOrRunner target) throws UsageException, InterruptedException;
  }

  private static int withStackOrRunner(CommandLine line, WithStackOrRunner command) throws UsageException, InterruptedException {
    try (StackOrRunner target = StackOrRunner.resolve(line)) {
      return command.run(target);
    }
  }

  private static int replay(CommandLine line, CommandOutput output) throws UsageException, InterruptedException {
    List<String> files = line.words().subList(1, line.words().size());
    LazyStackOrRunner lookup = new LazyStackOrRunner(line);
    try {
      return ReplayCommand.run(line, files, lookup, output);
    } finally {
      lookup.close();
    }
  }

  /** Resolved only when the replay needs it: a replay to --ingest-url asks no runner and no AWS. */
  private static final class LazyStackOrRunner implements ReplayCommand.TargetLookup, AutoCloseable {
    private final CommandLine line;
    private StackOrRunner target;

    LazyStackOrRunner(CommandLine line) {
      this.line = line;
    }

    private StackOrRunner target() throws UsageException, InterruptedException {
      if (target == null) {
        target = StackOrRunner.resolve(line);
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
    public Map.Entry<SqsClient, String> queue() throws UsageException, InterruptedException {
      return new AbstractMap.SimpleEntry<>(target().sqs(), target().queueUrl());
    }

    @Override
    public boolean namesQueue() {
      return StackOrRunner.isAws(line);
    }

    @Override
    public void close() {
      if (target != null) {
        target.close();
      }
    }
  }
}
