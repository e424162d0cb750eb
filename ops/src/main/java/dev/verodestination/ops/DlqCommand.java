package dev.verodestination.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import dev.verodestination.ops.CommandLine.UsageException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code dlq list | show ID | redrive}: the deliver function's dead letters. */
final class DlqCommand {

  static final String HELP = """
      dlq list [--reason WORDS] [--user ID] [--limit N] [--json]
          Each dead letter, oldest first per user: its reason, the HTTP status Vero gave, when it
          failed, the Vero calls already made, and the message's type, user and messageId.
      dlq show ID [--json]
          One dead letter (by Segment messageId or SQS message id) with its whole message.
      dlq redrive [--reason WORDS] [--user ID] [--message ID] [--dry-run] [--json]
          Sends the picked dead letters (all by default) back to the event queue in each user's
          order, with the user's FIFO group and a fresh deduplication id; delivery resumes after the
          Vero calls already made. A user's dead letter that is not picked keeps that user's later
          ones in the DLQ too. --dry-run prints what it would send and changes nothing.
      """;

  private DlqCommand() {}

  static int run(String action, CommandLine line, StackOrRunner target, CommandOutput output) throws UsageException {
    DeadLetters deadLetters = new DeadLetters(target.sqs(), target.dlqUrl(),
        action.equals("redrive") && !line.flag("dry-run") ? target.queueUrl() : "");
    return switch (action) {
      case "list" -> list(deadLetters, filter(line), line.number("limit", 1000, 1, 100_000), target, output);
      case "show" -> show(deadLetters, line, output);
      case "redrive" -> redrive(deadLetters, filter(line), line.flag("dry-run"), target, output);
      default -> throw new UsageException("dlq has list, show and redrive (not \"" + action + "\")");
    };
  }

  private static DeadLetters.Filter filter(CommandLine line) {
    return new DeadLetters.Filter(line.option("reason"), line.option("user"), line.option("message"));
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

  private static int show(DeadLetters deadLetters, CommandLine line, CommandOutput output) throws UsageException {
    if (line.words().size() < 3) {
      throw new UsageException("dlq show needs the messageId or SQS message id of a dead letter (see dlq list)");
    }
    String id = line.words().get(2);
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
