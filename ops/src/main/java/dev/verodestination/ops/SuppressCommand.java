package dev.verodestination.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.verodestination.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code suppress USER_ID...} and {@code unsuppress USER_ID...}, on the runner or a deployed stack. */
abstract class SuppressCommand extends QueueCommand {

  private final boolean suppressed;
  @Mixin ProgressTableOption table;

  @Parameters(paramLabel = "USER_ID", arity = "0..*", description = "The userId of each person.")
  List<String> userIds = List.of();

  SuppressCommand(Terminal terminal, boolean suppressed) {
    super(terminal);
    this.suppressed = suppressed;
  }

  @Command(name = "suppress", customSynopsis = "suppress USER_ID... [--progress-table NAME] [--json]",
      description = {"Each user's later messages are skipped before they reach Vero (reason \"suppressed\"), on the",
          "runner at once and on AWS within a minute (kept in the stack's progress table, by the SHA-256",
          "of the userId); their deletion requests still go. forget --suppress forgets and suppresses."})
  static final class Suppress extends SuppressCommand {
    Suppress(Terminal terminal) {
      super(terminal, true);
    }
  }

  @Command(name = "unsuppress",
      customSynopsis = "unsuppress USER_ID... [--progress-table NAME] [--json]",
      description = "Lets each user's later messages through again.")
  static final class Unsuppress extends SuppressCommand {
    Unsuppress(Terminal terminal) {
      super(terminal, false);
    }
  }

  @Override
  void check() throws UsageException {
    checkUserIds(userIds, suppressed ? "suppress" : "unsuppress", suppressed ? "to suppress" : "to let through again");
  }

  @Override
  Map<String, String> given() {
    return table.given();
  }

  @Override
  int run(StackOrRunner on, CommandOutput output) throws UsageException, InterruptedException {
    Map<String, Boolean> changed = new Suppressions(on, Clock.systemUTC()).change(userIds, suppressed);
    ArrayNode list = Json.MAPPER.createArrayNode();
    changed.forEach((user, didChange) -> {
      list.addObject().put("userId", user).put("suppressed", suppressed).put("changed", didChange);
      output.say(user + " in " + on.description() + ": " + (suppressed
          ? (didChange ? "suppressed: later messages are skipped before Vero" : "was suppressed already")
          : (didChange ? "no longer suppressed: later messages go to Vero" : "was not suppressed")));
    });
    output.result(Json.MAPPER.createObjectNode().put("target", on.description()).set("users", list));
    return 0;
  }

  /** The users a command names: at least one, none blank; {@code purpose} says what for ("to forget"). */
  static void checkUserIds(List<String> userIds, String command, String purpose) throws UsageException {
    if (userIds.isEmpty()) {
      throw new UsageException(command + " needs the userId of each person " + purpose + ": " + command + " USER_ID...");
    }
    for (String userId : userIds) {
      if (userId.isBlank()) {
        throw new UsageException(command + ": a userId must not be blank (got \"" + userId + "\"); nothing was done");
      }
    }
  }
}
