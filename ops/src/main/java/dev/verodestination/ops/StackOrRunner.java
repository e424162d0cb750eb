package dev.verodestination.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.config.AwsSettings;
import dev.verodestination.config.LambdaSettings;
import dev.verodestination.http.HttpClients;
import dev.verodestination.json.Json;
import dev.verodestination.queue.SqsClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where the operator commands act: the local runner (asked for its queues over HTTP), or a deployed
 * stack (queue URLs as options or from the stack's outputs, the default AWS credential chain).
 */
final class StackOrRunner implements AutoCloseable {

  static final String DEFAULT_RUNNER = "http://127.0.0.1:3000";

  private final SqsClient sqs;
  private final Map<String, String> places;
  private final String description;
  private final Optional<Region> region;
  private final Optional<URI> runner;
  private final Optional<URI> endpoint;

  private StackOrRunner(SqsClient sqs, Map<String, String> places, String description, Optional<Region> region,
      Optional<URI> runner, Optional<URI> endpoint) {
    this.sqs = sqs;
    this.places = places;
    this.description = description;
    this.region = region;
    this.runner = runner;
    this.endpoint = endpoint;
  }

  /**
   * {@code given}: places a command's own options name ({@code webhookUrl}, {@code ProgressTableName}),
   * which win over the stack's outputs.
   */
  static StackOrRunner resolve(TargetOptions options, Map<String, String> given) throws UsageException, InterruptedException {
    return options.namesAws() ? aws(options, given)
        : runner(URI.create(TargetOptions.given(options.runner).orElse(DEFAULT_RUNNER)));
  }

  private static StackOrRunner aws(TargetOptions options, Map<String, String> given) throws UsageException {
    Region region = TargetOptions.given(options.region).map(Region::of).orElseGet(() -> {
      try {
        return new DefaultAwsRegionProviderChain().getRegion();
      } catch (SdkException e) {
        return null;
      }
    });
    if (region == null) {
      throw new UsageException("no AWS region: give --region or set AWS_REGION");
    }
    Map<String, String> places = new HashMap<>();
    Optional<String> stack = TargetOptions.given(options.stack);
    if (stack.isPresent()) {
      places.putAll(stackOutputs(stack.get(), region));
    }
    TargetOptions.given(options.queueUrl).ifPresent(v -> places.put("EventQueueUrl", v));
    TargetOptions.given(options.dlqUrl).ifPresent(v -> places.put("DeadLetterQueueUrl", v));
    TargetOptions.given(options.webhookDlqUrl).ifPresent(v -> places.put("WebhookDeadLetterQueueUrl", v));
    given.forEach((name, value) -> TargetOptions.given(value).ifPresent(v -> places.put(name, v)));
    Optional<URI> endpoint = TargetOptions.given(options.endpointUrl).map(URI::create);
    SqsClient sqs = SqsClients.create(region, DefaultCredentialsProvider.builder().build(), endpoint);
    return new StackOrRunner(sqs, places, stack.map(s -> "stack " + s).orElse("AWS (" + region.id() + ")"), Optional.of(region),
        Optional.empty(), endpoint);
  }

  private static Map<String, String> stackOutputs(String stack, Region region) throws UsageException {
    try (CloudFormationClient cloudFormation = CloudFormationClient.builder().region(region)
        .credentialsProvider(DefaultCredentialsProvider.builder().build()).httpClient(AwsSettings.httpClient()).build()) {
      List<Output> outputs = cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().get(0).outputs();
      Map<String, String> places = new HashMap<>();
      outputs.forEach(o -> places.put(o.outputKey(), o.outputValue()));
      return places;
    } catch (SdkException e) {
      throw new UsageException("cannot read the outputs of stack " + stack + " in " + region.id() + ": " + e.getMessage());
    }
  }

  private static StackOrRunner runner(URI runner) throws UsageException, InterruptedException {
    HttpClient http = HttpClients.create(Duration.ofSeconds(3));
    JsonNode answer;
    try {
      HttpResponse<String> response = HttpClients.exchange(http, HttpRequest.newBuilder(runner.resolve(Operator.RUNNER_PATH))
          .header(Operator.OPERATOR_HEADER, "1").GET().build(), Duration.ofSeconds(10));
      if (response.statusCode() != 200) {
        throw new UsageException("the local runner at " + runner + " answered " + response.statusCode()
            + " for its queues; is it a vero-destination runner?");
      }
      answer = Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UsageException("no local runner at " + runner + " (start it with local/vd,"
          + " give --runner URL, or name AWS queues with --dlq-url, --queue-url, --webhook-dlq-url or --stack)");
    }
    Map<String, String> places = new HashMap<>();
    places.put("EventQueueUrl", answer.path("queueUrl").asText());
    places.put("DeadLetterQueueUrl", answer.path("dlqUrl").asText());
    places.put("WebhookDeadLetterQueueUrl", answer.path("webhookDlqUrl").asText());
    places.put("IngestUrl", answer.path("ingestUrl").asText());
    places.put("writeKey", answer.path("writeKey").asText());
    places.put("webhookUrl", answer.path("webhookUrl").asText());
    // the runner's embedded SQS answers only requests signed with the credential it made up at its start
    SqsClient sqs = SqsClients.create(Region.of(answer.path("region").asText("us-east-1")),
        StaticCredentialsProvider.create(AwsBasicCredentials.create(answer.path("sqsAccessKeyId").asText("local"),
            answer.path("sqsSecretAccessKey").asText("local"))),
        Optional.of(URI.create(answer.path("sqsEndpoint").asText())));
    return new StackOrRunner(sqs, places, "the local runner at " + runner, Optional.empty(), Optional.of(runner), Optional.empty());
  }

  SqsClient sqs() {
    return sqs;
  }

  String description() {
    return description;
  }

  String queueUrl() throws UsageException {
    return place("EventQueueUrl", "--queue-url");
  }

  String dlqUrl() throws UsageException {
    return place("DeadLetterQueueUrl", "--dlq-url");
  }

  String webhookDlqUrl() throws UsageException {
    return place("WebhookDeadLetterQueueUrl", "--webhook-dlq-url");
  }

  /** The local runner's address, when that is where the command acts. */
  Optional<URI> runner() {
    return runner;
  }

  /**
   * The deployed stack's progress table, its region and the endpoint to reach it (e.g. LocalStack):
   * from the stack's outputs or --progress-table; empty on the runner and when not given.
   */
  Optional<ProgressTable> progressTable() {
    return Optional.ofNullable(places.get("ProgressTableName")).filter(v -> !v.isBlank()).flatMap(name -> region.map(
        r -> new ProgressTable(name, r, endpoint)));
  }

  record ProgressTable(String name, Region region, Optional<URI> endpoint) {}

  Optional<String> ingestUrl() {
    return Optional.ofNullable(places.get("IngestUrl")).filter(v -> !v.isBlank());
  }

  Optional<String> writeKey() {
    return Optional.ofNullable(places.get("writeKey")).filter(v -> !v.isBlank());
  }

  /** The webhook function's URL with its token: given, from the runner, or from the stack's secret. */
  URI webhookUrl() throws UsageException {
    Optional<String> known = Optional.ofNullable(places.get("webhookUrl")).filter(v -> !v.isBlank());
    if (known.isPresent()) {
      return URI.create(known.get());
    }
    String prefix = places.get("VeroWebhookUrlPrefix");
    String secretsArn = places.get("SecretsArn");
    if (prefix == null || secretsArn == null || region.isEmpty()) {
      throw new UsageException("no webhook URL: give --webhook-url (the URL Vero posts to, token included) or --stack");
    }
    try (SecretsManagerClient secrets = SecretsManagerClient.builder().region(region.get())
        .credentialsProvider(DefaultCredentialsProvider.builder().build()).httpClient(AwsSettings.httpClient()).build()) {
      String token = LambdaSettings.read(secrets, secretsArn).get("VERO_WEBHOOK_TOKEN");
      if (token == null) {
        throw new UsageException("the stack's secret holds no VERO_WEBHOOK_TOKEN; give --webhook-url");
      }
      return URI.create(prefix + token);
    }
  }

  private String place(String name, String option) throws UsageException {
    String value = places.get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException("no " + name + " for " + description + ": give " + option + " or --stack");
    }
    return value;
  }

  @Override
  public void close() {
    sqs.close();
  }
}
