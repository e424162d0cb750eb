package dev.verodestination.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dlq list | show ID | redrive}: the deliver function's dead letters. */
@Command(name = "dlq", description = "The deliver function's dead letters.")
final class DlqCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Override
  public Integer call() throws UsageException {
    throw new UsageException("dlq has list, show and redrive");
  }

  /** Which dead letters a command picks; each option narrows them. */
  static final class Picked {
    @Option(names = "--reason", paramLabel = "WORDS", description = "Only those whose reason contains these words.")
    String reason;

    @Option(names = "--user", paramLabel = "ID", description = "Only this user's.")
    String user;

    DeadLetters.Filter filter(String message) {
      return new DeadLetters.Filter(TargetOptions.given(reason), TargetOptions.given(user), TargetOptions.given(message));
    }
  }

  @Command(name = "list",
      customSynopsis = "dlq list [--reason WORDS] [--user ID] [--limit N] [--json]",
      description = {"Each dead letter, oldest first per user: its reason, the HTTP status Vero gave, when it",
          "failed, the Vero calls already made, and the message's type, user and messageId."})
  static final class ListCommand extends QueueCommand {
    @Mixin Picked picked;
    @Mixin LimitOption limit;

    ListCommand(Terminal terminal) {
      super(terminal);
    }

    @Override
    void check() throws UsageException {
      limit.checked();
    }

    @Override
    int run(StackOrRunner on, CommandOutput output) throws UsageException {
      return list(new DeadLetters(on.sqs(), on.dlqUrl(), ""), picked.filter(null), limit.limit, on, output);
    }
  }

  @Command(name = "show", customSynopsis = "dlq show ID [--json]",
      description = "One dead letter (by Segment messageId or SQS message id) with its whole message.")
  static final class ShowCommand extends QueueCommand {

    @Parameters(paramLabel = "ID", arity = "0..1", description = "A Segment messageId or an SQS message id, as dlq list shows them.")
    String id;

    ShowCommand(Terminal terminal) {
      super(terminal);
    }

    @Override
    void check() throws UsageException {
      if (TargetOptions.given(id).isEmpty()) {
        throw new UsageException("dlq show needs the messageId or SQS message id of a dead letter (see dlq list)");
      }
    }

    @Override
    int run(StackOrRunner on, CommandOutput output) throws UsageException {
      return show(new DeadLetters(on.sqs(), on.dlqUrl(), ""), id, output);
    }
  }

  @Command(name = "redrive",
      customSynopsis = "dlq redrive [--reason WORDS] [--user ID] [--message ID] [--dry-run] [--json]",
      description = {"Sends the picked dead letters (all by default) back to the event queue in each user's",
          "order, with the user's FIFO group and a fresh deduplication id; delivery resumes after the",
          "Vero calls already made. A user's dead letter that is not picked keeps that user's later",
          "ones in the DLQ too. --dry-run prints what it would send and changes nothing."})
  static final class RedriveCommand extends QueueCommand {
    @Mixin Picked picked;

    @Option(names = "--message", paramLabel = "ID", description = "Only this one (a Segment messageId or an SQS message id).")
    String message;

    @Option(names = "--dry-run", description = "Say what would be sent; change nothing.")
    boolean dryRun;

    RedriveCommand(Terminal terminal) {
      super(terminal);
    }

    @Override
    int run(StackOrRunner on, CommandOutput output) throws UsageException {
      DeadLetters deadLetters = new DeadLetters(on.sqs(), on.dlqUrl(), dryRun ? "" : on.queueUrl());
      return redrive(deadLetters, picked.filter(message), dryRun, on, output);
    }
  }

  private static int list(DeadLetters deadLetters, DeadLetters.Filter filter, int limit, StackOrRunner target, CommandOutput output) {
    List<DeadLetter> letters = deadLetters.list(filter, limit);
    ArrayNode json = Json.MAPPER.createArrayNode();
    letters.forEach(l -> json.add(l.toJson(false)));
    output.result(Json.MAPPER.createObjectNode().put("target", target.description()).set("deadLetters", json));
    output.say(letters.size() + " dead letter" + (letters.size() == 1 ? "" : "s") + " in " + target.description()
        + (letters.isEmpty() ? "" : ", oldest first per user:"));
    int n = 1;
    for (DeadLetter letter : letters) {
      output.say(describe(n++, letter));
    }
    if (letters.size() == limit) {
      output.say("(stopped at --limit " + limit + ")");
    }
    return 0;
  }

  static String describe(int n, DeadLetter letter) {
    return String.format(Locale.ROOT, "%3d. %s%s %s of user %s, failed %s, status %s, Vero calls done %d%n"
            + "     reason: %s%n     sqs id: %s", n, letter.type().isEmpty() ? "message" : letter.type(),
        letter.event().isEmpty() ? "" : " \"" + letter.event() + "\"",
        CommandOutput.shortId(letter.messageId()), CommandOutput.shortId(letter.userId()),
        letter.failedAt().isEmpty() ? "(time not recorded)" : letter.failedAt(),
        letter.status() == 0 ? "none" : Integer.toString(letter.status()), letter.callsDone(), letter.reason(),
        letter.sqsMessageId());
  }

  private static int show(DeadLetters deadLetters, String id, CommandOutput output) {
    Optional<DeadLetter> letter = deadLetters.list(DeadLetters.Filter.message(id), 1).stream().findFirst();
    if (letter.isEmpty()) {
      output.err.println("no dead letter with id " + id);
      return 1;
    }
    output.result(letter.get().toJson(true));
    output.say(describe(1, letter.get()));
    output.say("     message: " + letter.get().body());
    return 0;
  }

  private static int redrive(DeadLetters deadLetters, DeadLetters.Filter filter, boolean dryRun, StackOrRunner target, CommandOutput output) {
    DeadLetters.Report report = deadLetters.redrive(filter, dryRun);
    ArrayNode steps = Json.MAPPER.createArrayNode();
    for (DeadLetters.Step step : report.steps()) {
      ObjectNode json = step.letter().toJson(false).put("action", step.action().name().toLowerCase(Locale.ROOT)).put("detail", step.detail());
      step.sentAs().ifPresent(id -> json.put("sentAs", id));
      steps.add(json);
      output.say(String.format(Locale.ROOT, "%-14s %s %s of user %s: %s", label(step.action()),
          step.letter().type().isEmpty() ? "message" : step.letter().type(), CommandOutput.shortId(step.letter().messageId()),
          CommandOutput.shortId(step.letter().userId()), step.detail()));
    }
    ObjectNode summary = Json.MAPPER.createObjectNode()
        .put("target", target.description())
        .put("dryRun", dryRun)
        .put("redriven", report.count(DeadLetters.Action.REDRIVEN))
        .put("wouldRedrive", report.count(DeadLetters.Action.WOULD_REDRIVE))
        .put("held", report.count(DeadLetters.Action.HELD))
        .put("failed", report.count(DeadLetters.Action.FAILED))
        .put("notSelected", report.notSelected());
    summary.set("steps", steps);
    output.result(summary);
    output.say(dryRun
        ? "dry run: would redrive " + report.count(DeadLetters.Action.WOULD_REDRIVE) + ", nothing was sent"
        : "redriven " + report.count(DeadLetters.Action.REDRIVEN) + ", held " + report.count(DeadLetters.Action.HELD)
            + ", failed " + report.count(DeadLetters.Action.FAILED) + ", not selected " + report.notSelected());
    return report.count(DeadLetters.Action.FAILED) > 0 ? 1 : 0;
  }

  private static String label(DeadLetters.Action action) {
    return switch (action) {
      case REDRIVEN -> "redriven";
      case WOULD_REDRIVE -> "would redrive";
      case HELD -> "held";
      case FAILED -> "failed";
    };
  }
}
