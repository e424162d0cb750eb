package dev.verodestination.ops.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.http.HttpClients;
import dev.verodestination.json.Json;
import dev.verodestination.retry.RetryPolicy;
import dev.verodestination.retry.RetryPolicy.Step;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Posts each batch to an ingest URL's /v1/batch with a write key, as a Segment library would: no AWS
 * credentials needed. A throttled or failing answer is retried with backoff (ingest dedups what it
 * already queued); a refusal a retry cannot fix stops the replay.
 */
final class IngestApiSink implements ReplaySink {

  static final Duration DEADLINE = Duration.ofSeconds(30);

  private final URI batchUrl;
  private final String authorization;
  private final HttpClient http = HttpClients.create(Duration.ofSeconds(5));
  private final RetryPolicy retries;

  /** {@code retries}: a throttled or failing ingest is tried again after these waits; ingest dedups what it queued. */
  IngestApiSink(URI ingestUrl, String writeKey, RetryPolicy retries) {
    String base = ingestUrl.toString().replaceAll("/+$", "");
    this.batchUrl = URI.create(base + "/v1/batch");
    this.authorization = BasicAuth.header(writeKey);
    this.retries = retries;
  }

  @Override
  public String describe() {
    return batchUrl.toString();
  }

  @Override
  public Verdict send(List<String> messages) throws ReplayStoppedException, InterruptedException {
    byte[] body = ReplaySink.batchBody(messages);
    return switch (retries.run((attempt, remaining) -> post(body))) {
      case Step.Done<Verdict> done -> done.value();
      case Step.Again<Verdict> again -> throw new ReplayStoppedException("ingest did not take a batch after "
          + retries.maxAttempts() + " tries; last " + again.reason());
    };
  }

  private Step<Verdict> post(byte[] body) throws ReplayStoppedException, InterruptedException {
    HttpResponse<String> answer;
    try {
      answer = HttpClients.exchange(http, HttpRequest.newBuilder(batchUrl)
          .timeout(DEADLINE)
          .header("authorization", authorization)
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build(), DEADLINE);
    } catch (IOException e) {
      return new Step.Again<>("no answer (" + e.getClass().getSimpleName() + ")");
    }
    int status = answer.statusCode();
    if (status == 200) {
      return new Step.Done<>(verdict(answer.body()));
    }
    String problem = "status " + status + ": " + error(answer.body());
    if (status != 429 && status < 500) {
      throw new ReplayStoppedException("ingest refused a batch with " + problem);
    }
    return new Step.Again<>(problem);
  }

  private static Verdict verdict(String text) throws ReplayStoppedException {
    JsonNode answer = Json.treeOrMissing(text);
    if (!answer.path("accepted").isInt()) {
      throw new ReplayStoppedException("ingest answered 200 without an accepted count: is the URL an ingest URL?");
    }
    List<Noted> skipped = new ArrayList<>();
    answer.path("skipped").forEach(s -> skipped.add(new Noted(s.path("index").asInt(), s.path("reason").asText())));
    List<Noted> rejected = new ArrayList<>();
    answer.path("rejected").forEach(r -> rejected.add(new Noted(r.path("index").asInt(), r.path("error").asText())));
    return new Verdict(answer.path("accepted").asInt(), skipped, rejected);
  }

  private static String error(String body) {
    return Json.treeOrMissing(body).path("error").asText("(no error given)");
  }
}
