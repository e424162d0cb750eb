package dev.verodestination.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.http.HttpClients;
import dev.verodestination.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The webhook DLQ for an operator: Vero webhooks that Segment did not take, listed with why, and
 * resent through the webhook function itself (its URL, token included), which maps them again and
 * forwards them, or parks them again with the new reason.
 */
public final class ParkedWebhooks {

  /** The webhook function's own timeout in template.yaml, and a little more. */
  static final Duration DEADLINE = Duration.ofSeconds(30);

  /** What became of one parked webhook. */
  public record Resent(DeadLetter letter, Outcome outcome, String detail) {}

  /** KEPT: still in the DLQ as it was (a dry run, or the function did not answer with a 2xx). */
  public enum Outcome { FORWARDED, PARKED_AGAIN, NOT_FOR_SEGMENT, KEPT }

  private final SqsClient sqs;
  private final String webhookDlqUrl;
  private final HttpClient http = HttpClients.create(Duration.ofSeconds(5));

  public ParkedWebhooks(SqsClient sqs, String webhookDlqUrl) {
    this.sqs = sqs;
    this.webhookDlqUrl = webhookDlqUrl;
  }

  public List<DeadLetter> list(int limit) {
    return QueueWalk.read(sqs, webhookDlqUrl, letter -> true, limit);
  }


  /**
   * Posts each parked payload to {@code webhookUrl}; one the function answers with a 2xx is deleted
   * (forwarded, or parked again with the reason of today), any other stays.
   */
  public List<Resent> resend(URI webhookUrl, boolean dryRun) throws InterruptedException {
    List<Resent> results = new ArrayList<>();
    try (QueueWalk walk = new QueueWalk(sqs, webhookDlqUrl)) {
      for (List<Message> batch = walk.next(); !batch.isEmpty(); batch = walk.next()) {
        for (Message message : batch) {
          DeadLetter letter = DeadLetter.of(message);
          if (dryRun) {
            results.add(new Resent(letter, Outcome.KEPT, "would resend"));
            continue;
          }
          walk.sentBack(message);
          Resent resent = post(webhookUrl, letter);
          if (resent.outcome() != Outcome.KEPT) {
            walk.delete(message);
          }
          results.add(resent);
        }
      }
    }
    return results;
  }

  /** The function's own word on the payload; a detail never holds the URL, which holds the token. */
  private Resent post(URI webhookUrl, DeadLetter letter) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(webhookUrl)
        .timeout(DEADLINE)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(letter.body()))
        .build();
    HttpResponse<String> answer;
    try {
      answer = HttpClients.exchange(http, request, DEADLINE);
    } catch (IOException e) {
      return new Resent(letter, Outcome.KEPT, "the webhook function did not answer: " + e.getClass().getSimpleName());
    }
    if (answer.statusCode() / 100 != 2) {
      return new Resent(letter, Outcome.KEPT, "the webhook function answered " + answer.statusCode());
    }
    JsonNode body = Json.treeOrMissing(answer.body());
    String reason = body.path("reason").asText("");
    if (body.path("forwarded").asBoolean(false)) {
      return new Resent(letter, Outcome.FORWARDED, "forwarded to Segment as " + body.path("event").asText("?"));
    }
    if (body.path("parked").asBoolean(false)) {
      return new Resent(letter, Outcome.PARKED_AGAIN, "parked again: " + reason);
    }
    return new Resent(letter, Outcome.NOT_FOR_SEGMENT, reason.isEmpty() ? "taken, not for Segment" : reason);
  }
}
