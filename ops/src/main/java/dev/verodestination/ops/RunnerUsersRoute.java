package dev.verodestination.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.http.HttpClients;
import dev.verodestination.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The runner's operator routes that act on users (forget, suppress): what only the runner holds of them. */
final class RunnerUsersRoute {

  private RunnerUsersRoute() {}

  /** One of the runner's operator routes asked about users; its results by userId. */
  static Map<String, JsonNode> ask(URI runner, String path, ObjectNode request, String what)
      throws UsageException, InterruptedException {
    HttpClient http = HttpClients.create(Duration.ofSeconds(3));
    try {
      HttpResponse<String> answer = HttpClients.exchange(http, HttpRequest.newBuilder(runner.resolve(path))
          .header(Operator.OPERATOR_HEADER, "1").header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(request))).build(), Duration.ofSeconds(10));
      if (answer.statusCode() != 200) {
        throw new UsageException("the local runner at " + runner + " answered " + answer.statusCode() + " to " + what);
      }
      Map<String, JsonNode> results = new HashMap<>();
      Json.treeOrMissing(answer.body()).path("results").forEach(r -> results.put(r.path("userId").asText(), r));
      return results;
    } catch (IOException e) {
      throw new UsageException("the local runner at " + runner + " did not answer: " + e.getClass().getSimpleName());
    }
  }
}
