package dev.verodestination.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code webhooks list | resend}: the Vero webhooks parked because Segment did not take them. */
@Command(name = "webhooks", description = "The Vero webhooks parked because Segment did not take them.")
final class WebhooksCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Override
  public Integer call() throws UsageException {
    throw new UsageException("webhooks has list and resend");
  }

  @Command(name = "list", customSynopsis = "webhooks list [--limit N] [--json]",
      description = "Each parked Vero webhook: why it was parked, the status Segment gave, when, and the payload.")
  static final class ListCommand extends QueueCommand {
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
      return list(new ParkedWebhooks(on.sqs(), on.webhookDlqUrl()), limit.limit, on, output);
    }
  }

  @Command(name = "resend", customSynopsis = "webhooks resend [--dry-run] [--webhook-url URL] [--json]",
      description = {"Posts each parked payload to the webhook function again, which maps it and forwards it to",
          "Segment, or parks it again with today's reason. On AWS the URL (token included) comes from",
          "--webhook-url or from the stack's secret with --stack."})
  static final class ResendCommand extends QueueCommand {

    @Option(names = "--webhook-url", paramLabel = "URL", description = "The URL Vero posts to, token included.")
    String webhookUrl;

    @Option(names = "--dry-run", description = "Say what would be resent; send nothing.")
    boolean dryRun;

    ResendCommand(Terminal terminal) {
      super(terminal);
    }

    @Override
    Map<String, String> given() {
      return webhookUrl == null ? Map.of() : Map.of("webhookUrl", webhookUrl);
    }

    @Override
    int run(StackOrRunner on, CommandOutput output) throws UsageException, InterruptedException {
      return resend(new ParkedWebhooks(on.sqs(), on.webhookDlqUrl()), dryRun, on, output);
    }
  }

  private static int list(ParkedWebhooks parked, int limit, StackOrRunner target, CommandOutput output) {
    List<DeadLetter> webhooks = parked.list(limit);
    ArrayNode json = Json.MAPPER.createArrayNode();
    webhooks.forEach(w -> json.add(w.toJson(true)));
    output.result(Json.MAPPER.createObjectNode().put("target", target.description()).set("parkedWebhooks", json));
    output.say(webhooks.size() + " parked webhook" + (webhooks.size() == 1 ? "" : "s") + " in " + target.description());
    int n = 1;
    for (DeadLetter webhook : webhooks) {
      output.say(String.format(Locale.ROOT, "%3d. parked %s, status %s%n     reason: %s%n     payload: %s", n++,
          webhook.failedAt().isEmpty() ? "(time not recorded)" : webhook.failedAt(),
          webhook.status() == 0 ? "none" : Integer.toString(webhook.status()), webhook.reason(), webhook.body()));
    }
    return 0;
  }

  private static int resend(ParkedWebhooks parked, boolean dryRun, StackOrRunner target, CommandOutput output)
      throws UsageException, InterruptedException {
    List<ParkedWebhooks.Resent> results = parked.resend(dryRun ? null : target.webhookUrl(), dryRun);
    ArrayNode json = Json.MAPPER.createArrayNode();
    int kept = 0;
    for (ParkedWebhooks.Resent resent : results) {
      json.add(resent.letter().toJson(false).put("outcome", resent.outcome().name().toLowerCase(Locale.ROOT))
          .put("detail", resent.detail()));
      output.say(resent.letter().sqsMessageId() + ": " + resent.detail());
      if (resent.outcome() == ParkedWebhooks.Outcome.KEPT) {
        kept++;
      }
    }
    ObjectNode summary = Json.MAPPER.createObjectNode().put("target", target.description()).put("dryRun", dryRun)
        .put("forwarded", count(results, ParkedWebhooks.Outcome.FORWARDED))
        .put("parkedAgain", count(results, ParkedWebhooks.Outcome.PARKED_AGAIN))
        .put("notForSegment", count(results, ParkedWebhooks.Outcome.NOT_FOR_SEGMENT))
        .put("kept", kept);
    summary.set("webhooks", json);
    output.result(summary);
    output.say(dryRun ? "dry run: would resend " + results.size() + ", nothing was sent"
        : "forwarded " + count(results, ParkedWebhooks.Outcome.FORWARDED) + ", parked again "
            + count(results, ParkedWebhooks.Outcome.PARKED_AGAIN) + ", not for Segment "
            + count(results, ParkedWebhooks.Outcome.NOT_FOR_SEGMENT) + ", kept " + kept);
    return !dryRun && kept > 0 ? 1 : 0;
  }

  private static long count(List<ParkedWebhooks.Resent> results, ParkedWebhooks.Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }
}
