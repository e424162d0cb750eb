package dev.verodestination.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code forget USER_ID...}: a person's right to be forgotten, on the runner or a deployed stack. */
@Command(name = "forget",
    customSynopsis = "forget USER_ID... [--suppress] [--progress-table NAME] [--json]",
    description = {"For each user: queues Vero's delete (POST /users/delete) in the user's FIFO group, after",
        "whatever of theirs is still on its way; removes their dead letters, their parked Vero",
        "webhooks, their call-progress records (on AWS from the stack's table: --stack, or",
        "--progress-table with the queue URLs) and, on the runner, their debugger rows; prints what",
        "it removed from each. --suppress also suppresses them (see suppress): without it, their",
        "next message creates them in Vero again. What stays behind is in docs/operations.md."})
final class ForgetCommand extends QueueCommand {

  @Mixin ProgressTableOption table;

  @Parameters(paramLabel = "USER_ID", arity = "0..*", description = "The userId of each person to forget.")
  List<String> userIds = List.of();

  @Option(names = "--suppress", description = "Also keep their later messages from Vero.")
  boolean suppress;

  ForgetCommand(Terminal terminal) {
    super(terminal);
  }

  @Override
  void check() throws UsageException {
    SuppressCommand.checkUserIds(userIds, "forget", "to forget");
  }

  @Override
  Map<String, String> given() {
    return table.given();
  }

  @Override
  int run(StackOrRunner on, CommandOutput output) throws UsageException, InterruptedException {
    return run(userIds, suppress, on, output);
  }

  private static int run(List<String> userIds, boolean suppress, StackOrRunner target, CommandOutput output)
      throws UsageException, InterruptedException {
    // suppressed first: a message of theirs that arrives while they are forgotten must not bring them back
    Map<String, Boolean> suppressed = suppress ? new Suppressions(target, Clock.systemUTC()).change(userIds, true) : Map.of();
    List<Forget.Removed> results = new Forget(target, Clock.systemUTC()).forget(userIds);
    ArrayNode json = Json.MAPPER.createArrayNode();
    for (Forget.Removed removed : results) {
      ObjectNode user = json.addObject().put("userId", removed.userId());
      user.putObject("veroDelete").put("queued", true).put("messageId", removed.deleteMessageId());
      ObjectNode counts = user.putObject("removed").put("deadLetters", removed.deadLetters())
          .put("parkedWebhooks", removed.parkedWebhooks());
      put(counts, "callProgress", removed.callProgress());
      put(counts, "debuggerRows", removed.debuggerRows());
      user.put("nothingFound", removed.nothingFound());
      user.put("suppressed", suppress);
      output.say(describe(removed, target) + (suppress ? "\n  suppressed: later messages are skipped before Vero"
          + (suppressed.getOrDefault(removed.userId(), true) ? "" : " (already)") : ""));
    }
    output.result(Json.MAPPER.createObjectNode().put("target", target.description()).set("users", json));
    return 0;
  }

  private static void put(ObjectNode counts, String store, Optional<Integer> count) {
    if (count.isPresent()) {
      counts.put(store, count.get());
    } else {
      counts.putNull(store);
    }
  }

  private static String describe(Forget.Removed removed, StackOrRunner target) {
    StringBuilder text = new StringBuilder(removed.userId()).append(" in ").append(target.description()).append(":\n")
        .append("  Vero delete queued, after the user's messages still on their way (messageId ")
        .append(removed.deleteMessageId()).append(")\n");
    if (removed.nothingFound()) {
      text.append("  nothing found here: no dead letter, parked webhook")
          .append(removed.callProgress().isPresent() ? ", call-progress record" : "")
          .append(removed.debuggerRows().isPresent() ? " or debugger row" : "").append(" of this user");
    } else {
      text.append("  dead-letter queue: ").append(count(removed.deadLetters(), "message")).append(" removed\n")
          .append("  parked webhooks: ").append(count(removed.parkedWebhooks(), "webhook")).append(" removed");
      removed.callProgress().ifPresent(n -> text.append("\n  call progress: ").append(count(n, "record")).append(" removed"));
      removed.debuggerRows().ifPresent(n -> text.append("\n  debugger page: ").append(count(n, "row")).append(" removed"));
    }
    if (removed.callProgress().isEmpty()) {
      text.append("\n  call progress: not looked at (give --stack, or --progress-table NAME)");
    }
    return text.toString();
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
