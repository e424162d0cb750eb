package dev.verodestination.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.verodestination.json.Json;
import dev.verodestination.ops.CommandLine.UsageException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@code suppress USER_ID...} and {@code unsuppress USER_ID...}, on the runner or a deployed stack. */
final class SuppressCommand {

  static final String HELP = """
      suppress USER_ID... [--progress-table NAME] [--json]
          Each user's later messages are skipped before they reach Vero (reason "suppressed"), on the
          runner at once and on AWS within a minute (kept in the stack's progress table, by the SHA-256
          of the userId); their deletion requests still go. forget --suppress forgets and suppresses.
      unsuppress USER_ID... [--progress-table NAME] [--json]
          Lets each user's later messages through again.
      """;

  private SuppressCommand() {}

  static int run(List<String> userIds, boolean suppressed, StackOrRunner target, CommandOutput output)
      throws UsageException, InterruptedException {
    Map<String, Boolean> changed = new Suppressions(target, Clock.systemUTC()).change(userIds, suppressed);
    ArrayNode json = Json.MAPPER.createArrayNode();
    changed.forEach((user, didChange) -> {
      json.addObject().put("userId", user).put("suppressed", suppressed).put("changed", didChange);
      output.say(user + " in " + target.description() + ": " + (suppressed
          ? (didChange ? "suppressed: later messages are skipped before Vero" : "was suppressed already")
          : (didChange ? "no longer suppressed: later messages go to Vero" : "was not suppressed")));
    });
    output.result(Json.MAPPER.createObjectNode().put("target", target.description()).set("users", json));
    return 0;
  }

  /** The users a command names: at least one, none blank; {@code purpose} says what for ("to forget"). */
  static List<String> userIds(CommandLine line, String command, String purpose) throws UsageException {
    List<String> userIds = line.words().subList(1, line.words().size());
    if (userIds.isEmpty()) {
      throw new UsageException(command + " needs the userId of each person " + purpose + ": " + command + " USER_ID...");
    }
    for (String userId : userIds) {
      if (userId.isBlank()) {
        throw new UsageException(command + ": a userId must not be blank (got \"" + userId + "\"); nothing was done");
      }
    }
    return userIds;
  }
}
