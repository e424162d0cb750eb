package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.verodestination.ingest.Cors;
import dev.verodestination.ingest.IngestRoute;
import dev.verodestination.ingest.rules.DestinationRules;
import dev.verodestination.ingest.rules.SkipReason;
import dev.verodestination.json.Json;
import dev.verodestination.segment.MessageType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import dev.verodestination.testing.Conformance;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** template.yaml against the code and AWS's own rules, read as YAML with CloudFormation's !tags kept as {tag: value}. */
class TemplateIT {

  private static Map<String, Object> template;
  private static Map<String, Map<String, Object>> resources;

  /** Reads !Ref, !GetAtt, !Sub ... as a one-entry map from the tag to its value. */
  private static final class CloudFormationConstructor extends SafeConstructor {
    CloudFormationConstructor() {
      super(new LoaderOptions());
      this.yamlMultiConstructors.put("!", new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          Object value;
          if (node instanceof ScalarNode scalar) {
            value = constructScalar(scalar);
          } else if (node instanceof SequenceNode sequence) {
            value = constructSequence(sequence);
          } else {
            value = constructMapping((MappingNode) node);
          }
          return Map.of(node.getTag().getValue(), value);
        }
      });
    }
  }

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    template = new Yaml(new CloudFormationConstructor()).load(Files.readString(Conformance.projectRoot().resolve("template.yaml")));
    resources = (Map<String, Map<String, Object>>) (Map<String, ?>) template.get("Resources");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static List<String> stringList(Object value) {
    return ((List<?>) value).stream().map(String::valueOf).toList();
  }

  private static Map<String, Object> props(String resource) {
    return map(resources.get(resource).get("Properties"));
  }

  private static Map<String, Map<String, Object>> ofType(String type) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    resources.forEach((name, resource) -> {
      if (type.equals(resource.get("Type"))) {
        found.put(name, map(resource.get("Properties")));
      }
    });
    return found;
  }

  @Test
  void everyHandlerIsAClassOfTheBuildThatHandlesItsEventType() throws Exception {
    Map<String, Map<String, Object>> functions = ofType("AWS::Serverless::Function");
    assertEquals(Set.of("IngestFunction", "DeliverFunction", "WebhookFunction"), functions.keySet());
    for (Map.Entry<String, Map<String, Object>> function : functions.entrySet()) {
      String handler = (String) function.getValue().get("Handler");
      assertTrue(handler.endsWith("::handleRequest"), handler);
      Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
      assertTrue(RequestHandler.class.isAssignableFrom(type), handler);
      Set<String> eventTypes = new HashSet<>();
      map(function.getValue().get("Events")).values().forEach(e -> eventTypes.add((String) map(e).get("Type")));
      Class<?> expectedInput = eventTypes.equals(Set.of("SQS")) ? SQSEvent.class : APIGatewayV2HTTPEvent.class;
      assertEquals(expectedInput, requestType(type), handler + " takes the events its triggers send");
      type.getConstructor();
    }
  }

  private static Type requestType(Class<?> handler) {
    for (Type implemented : handler.getGenericInterfaces()) {
      if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
        return parameterized.getActualTypeArguments()[0];
      }
    }
    throw new AssertionError(handler + " does not implement RequestHandler<I, O>");
  }

  @Test
  void everyCodeUriIsTheJarItsModuleBuildsAndHoldsItsHandler() throws Exception {
    for (Map<String, Object> function : ofType("AWS::Serverless::Function").values()) {
      String codeUri = (String) function.get("CodeUri");
      Matcher matcher = Pattern.compile("functions/([a-z]+)/target/(vero-destination-[a-z]+)\\.jar").matcher(codeUri);
      assertTrue(matcher.matches(), codeUri);
      Path module = Conformance.projectRoot().resolve("functions").resolve(matcher.group(1));
      assertTrue(Files.readString(module.resolve("pom.xml")).contains("<artifactId>" + matcher.group(2) + "</artifactId>"), codeUri);
      assertTrue(Files.readString(module.resolveSibling("pom.xml"))
          .contains("<outputFile>${project.build.directory}/${project.artifactId}.jar</outputFile>"), "the function jar is named after its module");
      Path jar = Conformance.projectRoot().resolve(codeUri);
      assertTrue(Files.exists(jar), jar + " is built by the package phase, before these integration tests");
      {
        String handlerClass = ((String) function.get("Handler")).split("::")[0].replace('.', '/') + ".class";
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          assertTrue(zip.getEntry(handlerClass) != null, jar + " holds " + handlerClass);
          assertTrue(zip.stream().noneMatch(e -> e.getName().startsWith("io/netty/") || e.getName().startsWith("org/apache/http")),
              jar + " carries no Netty and no Apache HTTP client");
        }
      }
    }
  }

  /**
   * The shaded jars are minimised; the Lambda runtime deserialises events with the same library as
   * aws-lambda-java-serialization, loading event and Joda-Time classes from the function's jar. Each
   * jar must still take its sample events that way.
   */
  @Test
  void eachJarTakesItsSampleEventsThroughTheRuntimesSerialiser() throws Exception {
    Map<String, String> eventTypes = Map.of("ingest", "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
        "webhook", "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
        "deliver", "com.amazonaws.services.lambda.runtime.events.SQSEvent");
    for (Map.Entry<String, String> function : eventTypes.entrySet()) {
      Path jar = Conformance.projectRoot().resolve("functions/" + function.getKey() + "/target/vero-destination-" + function.getKey() + ".jar");
      assertTrue(Files.exists(jar), jar + " is built by the package phase, before these integration tests");
      try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
          ClassLoader.getPlatformClassLoader())) {
        Class<?> eventType = loader.loadClass(function.getValue());
        var serializer = com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers.serializerFor(eventType, loader);
        try (var samples = Files.list(Conformance.projectRoot().resolve("events/" + function.getKey()))) {
          for (Path sample : samples.toList()) {
            try (var in = Files.newInputStream(sample)) {
              Object event = serializer.fromJson(in);
              assertEquals(eventType, event.getClass(), sample.toString());
            }
          }
        }
      }
    }
  }

  @Test
  void theQueuesAreFifoEncryptedAndRedriveAndDeliverReportsPartialFailures() {
    Map<String, Object> events = props("EventQueue");
    Map<String, Object> dlq = props("DeadLetterQueue");
    assertEquals(true, events.get("FifoQueue"));
    assertEquals(true, dlq.get("FifoQueue"));
    for (Map<String, Object> queue : ofType("AWS::SQS::Queue").values()) {
      assertEquals(true, queue.get("SqsManagedSseEnabled"), "SSE on every queue");
    }
    assertEquals(1209600, dlq.get("MessageRetentionPeriod"));
    assertEquals(1209600, props("WebhookDeadLetterQueue").get("MessageRetentionPeriod"));
    Map<String, Object> redrive = map(events.get("RedrivePolicy"));
    assertEquals(Map.of("Fn::GetAtt", "DeadLetterQueue.Arn"), normalise(redrive.get("deadLetterTargetArn")));
    assertTrue(redrive.containsKey("maxReceiveCount"));

    Map<String, Object> deliver = props("DeliverFunction");
    int visibility = (Integer) events.get("VisibilityTimeout");
    int timeout = (Integer) deliver.get("Timeout");
    assertTrue(visibility >= 6 * timeout, "visibility " + visibility + " s ≥ 6 × deliver timeout " + timeout + " s");
    for (Object event : map(deliver.get("Events")).values()) {
      Map<String, Object> properties = map(map(event).get("Properties"));
      assertEquals(List.of("ReportBatchItemFailures"), properties.get("FunctionResponseTypes"));
      assertEquals(10, properties.get("BatchSize"));
      assertTrue(map(properties.get("ScalingConfig")).containsKey("MaximumConcurrency"));
    }
    assertEquals(Map.of("SSEEnabled", true), props("ProgressTable").get("SSESpecification"));
  }

  /** "!GetAtt A.B" arrives as {"!GetAtt": "A.B"}. */
  private static Map<String, Object> normalise(Object intrinsic) {
    Map<String, Object> tagged = map(intrinsic);
    String tag = tagged.keySet().iterator().next();
    return Map.of(tag.equals("!GetAtt") ? "Fn::GetAtt" : tag, tagged.get(tag));
  }

  @Test
  void noPolicyGrantsAWildcard() {
    for (Map.Entry<String, Map<String, Object>> function : ofType("AWS::Serverless::Function").entrySet()) {
      for (Object policy : (List<?>) function.getValue().get("Policies")) {
        String text = String.valueOf(policy);
        assertFalse(text.contains("\"*\"") || text.contains("=*,") || text.contains("=*}") || text.contains(":*"),
            function.getKey() + " policy " + text);
        Object statements = map(policy).get("Statement");
        assertTrue(statements != null, function.getKey() + ": statements spelled out, no SAM policy template (they grant wildcards)");
        {
          for (Object statement : (List<?>) statements) {
            for (Object action : (List<?>) map(statement).get("Action")) {
              assertFalse(String.valueOf(action).contains("*"), function.getKey() + " " + action);
            }
          }
        }
      }
    }
  }

  @Test
  void everySettingTheCodeReadsIsSetForItsFunction() throws IOException {
    Map<String, String> configs = Map.of("IngestFunction", "ingest/IngestConfig", "DeliverFunction", "deliver/DeliverConfig",
        "WebhookFunction", "webhook/WebhookConfig");
    Pattern read = Pattern.compile("settings\\.\\w+\\(\"([A-Z][A-Z0-9_]+)\"");
    for (Map.Entry<String, String> entry : configs.entrySet()) {
      String source = Files.readString(Conformance.projectRoot()
          .resolve("functions/" + entry.getValue().replaceAll("/.*", "") + "/src/main/java/dev/verodestination/" + entry.getValue() + ".java"));
      Set<String> readByCode = new HashSet<>();
      Matcher matcher = read.matcher(source);
      while (matcher.find()) {
        readByCode.add(matcher.group(1));
      }
      assertFalse(readByCode.isEmpty());
      Set<String> setInTemplate = new HashSet<>(map(map(props(entry.getKey()).get("Environment")).get("Variables")).keySet());
      setInTemplate.addAll(secretSettings());
      assertTrue(setInTemplate.containsAll(readByCode), entry.getKey() + " lacks " + difference(readByCode, setInTemplate));
    }
  }

  /** The settings the stack's secret holds: the keys of its JSON. */
  private static Set<String> secretSettings() {
    String json = (String) map(props("Secrets").get("SecretString")).get("!Sub");
    Set<String> keys = new HashSet<>();
    Matcher key = Pattern.compile("\"([A-Z_]+)\":").matcher(json);
    while (key.find()) {
      keys.add(key.group(1));
    }
    return keys;
  }

  @Test
  void noSecretIsInAnyFunctionsEnvironmentOrInTheOutputsOnlyInTheSecretItsRoleMayRead() {
    Map<String, Object> parameters = map(template.get("Parameters"));
    Set<String> secretParameters = new HashSet<>();
    parameters.forEach((name, parameter) -> {
      if (Boolean.TRUE.equals(map(parameter).get("NoEcho"))) {
        secretParameters.add(name);
      }
    });
    assertEquals(Set.of("WriteKeys", "SegmentWebhookSecret", "VeroTrackingApiKey", "VeroAuthToken", "VeroWebhookToken", "SegmentWriteKey"),
        secretParameters);
    assertEquals(Set.of("WRITE_KEYS", "SEGMENT_WEBHOOK_SECRET", "VERO_TRACKING_API_KEY", "VERO_AUTH_TOKEN", "VERO_WEBHOOK_TOKEN",
        "SEGMENT_WRITE_KEY"), secretSettings());
    String globals = String.valueOf(template.get("Globals"));
    String outputs = String.valueOf(template.get("Outputs"));
    for (String secret : secretParameters) {
      for (Map.Entry<String, Map<String, Object>> function : ofType("AWS::Serverless::Function").entrySet()) {
        String environment = String.valueOf(function.getValue().get("Environment"));
        assertFalse(environment.contains("=" + secret + "}") || environment.contains("${" + secret + "}"), function.getKey() + " " + secret);
        assertEquals(Map.of("!Ref", "Secrets"), map(map(function.getValue().get("Environment")).get("Variables")).get("SECRETS_ARN"));
      }
      assertFalse(globals.contains(secret) || outputs.contains(secret), secret + " in the globals or the outputs");
    }
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> result = new HashSet<>(a);
    result.removeAll(b);
    return result;
  }

  @Test
  void everyRouteTheIngestHandlerServesIsARouteOfTheApiAndNoOther() {
    Set<String> declared = new HashSet<>();
    for (Object event : map(props("IngestFunction").get("Events")).values()) {
      Map<String, Object> properties = map(map(event).get("Properties"));
      declared.add(properties.get("Method") + " " + properties.get("Path"));
    }
    assertEquals(new HashSet<>(IngestRoute.ROUTES), declared);
  }

  @Test
  void theApiAnswersBrowserPreflightsAsTheHandlerDoes() {
    Map<String, Object> cors = map(props("HttpApi").get("CorsConfiguration"));
    assertEquals(Map.of("!Ref", "CorsAllowedOrigins"), cors.get("AllowOrigins"));
    assertEquals(Cors.ALLOW_METHODS, String.join(", ", stringList(cors.get("AllowMethods"))));
    assertEquals(Cors.ALLOW_HEADERS, String.join(", ", stringList(cors.get("AllowHeaders"))));
    assertEquals(Cors.MAX_AGE_SECONDS, cors.get("MaxAge"));
    assertEquals("*", map(map(template.get("Parameters")).get("CorsAllowedOrigins")).get("Default"));
  }

  @Test
  void parametersAreBoundedSoThatRetriesEndInsideTheRetentionAndSecretsAreNotTrivial() {
    Map<String, Object> parameters = map(template.get("Parameters"));
    assertEquals(1, map(parameters.get("RetryBaseSeconds")).get("MinValue"));
    assertEquals(3600, map(parameters.get("RetryMaxSeconds")).get("MaxValue"));
    assertEquals(100, map(parameters.get("MaxReceiveCount")).get("MaxValue"));
    int hours = (Integer) map(parameters.get("RetryMaxSeconds")).get("MaxValue") * (Integer) map(parameters.get("MaxReceiveCount"))
        .get("MaxValue") / 3600;
    assertTrue(hours < 14 * 24, "the longest run of retries, " + hours + " h, ends inside the 14-day retention");
    assertEquals(Map.of("!Ref", "RedriveReceiveCount"), map(props("EventQueue").get("RedrivePolicy")).get("maxReceiveCount"));
    assertTrue((Integer) map(parameters.get("RedriveReceiveCount")).get("MinValue") >= 20);
    for (String secret : List.of("WriteKeys", "VeroWebhookToken")) {
      assertTrue((Integer) map(parameters.get(secret)).get("MinLength") >= 8, secret);
    }
    for (String credential : List.of("VeroTrackingApiKey", "VeroAuthToken", "SegmentWriteKey")) {
      // may be empty (one Vero credential is set; a team may not want Vero's events back); one set is at least 8
      // characters, fit for the secret's JSON
      assertEquals("^$|^[^\"\\\\]{8,}$", map(parameters.get(credential)).get("AllowedPattern"), credential);
      assertEquals("", map(parameters.get(credential)).get("Default"), credential);
    }
    assertEquals("^$|^[^\"\\\\]{16,}$", map(parameters.get("SegmentWebhookSecret")).get("AllowedPattern"));
    // the secret's JSON is written from these values: a quote or a backslash would break it
    assertEquals("[^\"\\\\]*", map(parameters.get("WriteKeys")).get("AllowedPattern"));
  }

  @Test
  void queueNamesAreLeftToCloudFormationSoALongStackNameCannotPassSqssLimit() {
    for (Map.Entry<String, Map<String, Object>> queue : ofType("AWS::SQS::Queue").entrySet()) {
      assertFalse(queue.getValue().containsKey("QueueName"), queue.getKey());
    }
  }

  @Test
  void theStackTakesExactlyOneVeroCredentialAsTheFunctionDoes() {
    List<Object> assertions = stringOrObjectList(map(map(map(template.get("Rules")).get("OneVeroCredential"))).get("Assertions"));
    Object neitherEmpty = Map.of("!Equals", List.of(Map.of("!Ref", "VeroTrackingApiKey"), ""));
    Object tokenEmpty = Map.of("!Equals", List.of(Map.of("!Ref", "VeroAuthToken"), ""));
    assertEquals(Map.of("!Not", List.of(Map.of("!And", List.of(neitherEmpty, tokenEmpty)))), map(assertions.get(0)).get("Assert"),
        "one of them is set");
    assertEquals(Map.of("!Or", List.of(neitherEmpty, tokenEmpty)), map(assertions.get(1)).get("Assert"), "not both");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> stringOrObjectList(Object value) {
    return (List<Object>) value;
  }

  @Test
  void theApiIsThrottledAndSecretsAreNoEcho() {
    Map<String, Object> routes = map(props("HttpApi").get("DefaultRouteSettings"));
    assertTrue(routes.containsKey("ThrottlingRateLimit") && routes.containsKey("ThrottlingBurstLimit"));
    Map<String, Object> parameters = map(template.get("Parameters"));
    for (String secret : List.of("WriteKeys", "SegmentWebhookSecret", "VeroTrackingApiKey", "VeroAuthToken", "VeroWebhookToken",
        "SegmentWriteKey")) {
      assertEquals(true, map(parameters.get(secret)).get("NoEcho"), secret);
    }
  }

  @Test
  void everyAlarmNotifiesTheTopicWhichMailsTheAlarmEmailWhenOneIsGiven() throws IOException {
    String runbook = Files.readString(Conformance.projectRoot().resolve("docs/operations.md"));
    assertEquals("AWS::SNS::Topic", resources.get("AlarmTopic").get("Type"));
    assertEquals("", map(map(template.get("Parameters")).get("AlarmEmail")).get("Default"));
    Map<String, Object> subscription = resources.get("AlarmEmailSubscription");
    assertEquals("HasAlarmEmail", subscription.get("Condition"));
    assertEquals("email", props("AlarmEmailSubscription").get("Protocol"));
    assertEquals(Map.of("!Ref", "AlarmEmail"), props("AlarmEmailSubscription").get("Endpoint"));
    Map<String, Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm");
    for (Map.Entry<String, Map<String, Object>> alarm : alarms.entrySet()) {
      assertEquals(List.of(Map.of("!Ref", "AlarmTopic")), alarm.getValue().get("AlarmActions"), alarm.getKey());
      assertEquals(List.of(Map.of("!Ref", "AlarmTopic")), alarm.getValue().get("OKActions"), alarm.getKey());
      assertTrue(String.valueOf(alarm.getValue().get("AlarmDescription")).contains("docs/operations.md"), alarm.getKey());
      assertTrue(runbook.contains("### `" + alarm.getKey() + "`"), "the runbook has a section for " + alarm.getKey());
    }
    Set<String> watched = new HashSet<>();
    alarms.values().forEach(alarm -> watched.add(alarm.get("Namespace") + " " + alarm.get("MetricName") + " "
        + ((List<?>) alarm.get("Dimensions")).stream().map(d -> String.valueOf(map(d).get("Value"))).toList()));
    assertEquals(Set.of(
        "AWS/SQS ApproximateNumberOfMessagesVisible [{!GetAtt=DeadLetterQueue.QueueName}]",
        "AWS/SQS ApproximateNumberOfMessagesVisible [{!GetAtt=WebhookDeadLetterQueue.QueueName}]",
        "AWS/SQS ApproximateAgeOfOldestMessage [{!GetAtt=EventQueue.QueueName}]",
        "AWS/Lambda Errors [{!Ref=DeliverFunction}]",
        "AWS/Lambda Throttles [{!Ref=DeliverFunction}]",
        "AWS/ApiGateway 5xx [{!Ref=HttpApi}, $default]",
        "AWS/Lambda Url5xxCount [{!Ref=IngestFunction}]",
        "{!Sub=VeroDestination/${AWS::StackName}} VeroUnreachable [deliver]",
        "{!Sub=VeroDestination/${AWS::StackName}} VeroCredentialRejected [deliver]"), watched);
    int stalled = (Integer) props("DeliveryStalledAlarm").get("Threshold");
    int maxBackoff = (Integer) map(map(template.get("Parameters")).get("RetryMaxSeconds")).get("MaxValue");
    assertTrue(stalled > maxBackoff, "a message waiting out its longest backoff is not a stall: " + stalled + " > " + maxBackoff);
  }

  @Test
  void behindFunctionUrlsEachHttpFunctionAnswersOnItsAliasWithTheApisCorsAndA5xxAlarm() {
    Map<String, Object> frontDoor = map(map(template.get("Parameters")).get("FrontDoor"));
    assertEquals("HttpApi", frontDoor.get("Default"));
    assertEquals(List.of("HttpApi", "FunctionUrls"), frontDoor.get("AllowedValues"));
    assertEquals(Map.of("!Equals", List.of(Map.of("!Ref", "FrontDoor"), "FunctionUrls")),
        map(template.get("Conditions")).get("UsesFunctionUrls"));
    String alias = (String) map(map(template.get("Globals")).get("Function")).get("AutoPublishAlias");
    for (String function : List.of("IngestFunction", "WebhookFunction")) {
      Map<String, Object> url = resources.get(function + "Url");
      assertEquals("AWS::Lambda::Url", url.get("Type"));
      assertEquals("UsesFunctionUrls", url.get("Condition"));
      assertEquals(function + "Alias" + alias, url.get("DependsOn"), "the alias SnapStart restores");
      assertEquals(alias, props(function + "Url").get("Qualifier"));
      assertEquals(Map.of("!Ref", function), props(function + "Url").get("TargetFunctionArn"));
      assertEquals("NONE", props(function + "Url").get("AuthType"), "the function checks its own credentials, as behind the API");
      Map<String, Object> byAction = new java.util.HashMap<>();
      for (String suffix : List.of("UrlPermission", "UrlInvokePermission")) {
        assertEquals("UsesFunctionUrls", resources.get(function + suffix).get("Condition"));
        Map<String, Object> permission = props(function + suffix);
        assertEquals(Map.of("!Ref", function + ".Alias"), permission.get("FunctionName"));
        assertEquals("*", permission.get("Principal"));
        byAction.put((String) permission.get("Action"), permission);
      }
      assertEquals("NONE", map(byAction.get("lambda:InvokeFunctionUrl")).get("FunctionUrlAuthType"));
      assertEquals(true, map(byAction.get("lambda:InvokeFunction")).get("InvokedViaFunctionUrl"));
    }
    Map<String, Object> apiCors = map(props("HttpApi").get("CorsConfiguration"));
    Map<String, Object> urlCors = map(props("IngestFunctionUrl").get("Cors"));
    assertEquals(apiCors.get("AllowOrigins"), urlCors.get("AllowOrigins"));
    assertEquals(apiCors.get("AllowHeaders"), urlCors.get("AllowHeaders"));
    assertEquals(apiCors.get("MaxAge"), urlCors.get("MaxAge"));
    Map<String, Object> alarm = props("IngestUrl5xxAlarm");
    assertEquals("UsesFunctionUrls", resources.get("IngestUrl5xxAlarm").get("Condition"));
    assertEquals(List.of("AWS/Lambda", "Url5xxCount", 0, "GreaterThanThreshold"),
        List.of(alarm.get("Namespace"), alarm.get("MetricName"), alarm.get("Threshold"), alarm.get("ComparisonOperator")));
    Map<String, Object> apiAlarm = props("Ingest5xxAlarm");
    for (String same : List.of("Period", "EvaluationPeriods", "Statistic", "TreatMissingData", "AlarmActions", "OKActions")) {
      assertEquals(apiAlarm.get(same), alarm.get(same), same);
    }
    for (String output : List.of("IngestUrl", "VeroWebhookUrlPrefix")) {
      List<?> either = (List<?>) map(map(map(template.get("Outputs")).get(output)).get("Value")).get("!If");
      assertEquals("UsesFunctionUrls", either.get(0), output);
      assertTrue(String.valueOf(either.get(1)).contains("FunctionUrl"), output + ": " + either.get(1));
      assertTrue(String.valueOf(either.get(2)).contains("${HttpApi}"), output + ": " + either.get(2));
    }
  }

  @Test
  void everyFunctionLogsToAGroupWithTheRetentionAndTheApiLogsAccessWithoutPathsWhenAsked() {
    for (Map.Entry<String, Map<String, Object>> function : ofType("AWS::Serverless::Function").entrySet()) {
      Map<String, Object> logging = map(function.getValue().get("LoggingConfig"));
      assertEquals("JSON", logging.get("LogFormat"), "the format in which Lambda can leave its own lines out");
      assertEquals("INFO", logging.get("ApplicationLogLevel"), "a message's fate and the metrics are INFO lines");
      assertEquals(Map.of("!Ref", "LambdaSystemLogLevel"), logging.get("SystemLogLevel"));
      String group = String.valueOf(map(logging.get("LogGroup")).get("!Ref"));
      assertEquals("AWS::Logs::LogGroup", resources.get(group).get("Type"), function.getKey());
      assertEquals(Map.of("!Ref", "LogRetentionDays"), props(group).get("RetentionInDays"));
    }
    Map<String, Object> parameters = map(template.get("Parameters"));
    assertEquals("WARN", map(parameters.get("LambdaSystemLogLevel")).get("Default"));
    assertEquals("off", map(parameters.get("ApiAccessLogs")).get("Default"));
    assertEquals("failures", map(parameters.get("VeroCallLines")).get("Default"));
    assertEquals(Map.of("!Ref", "VeroCallLines"), map(map(props("DeliverFunction").get("Environment")).get("Variables")).get("VERO_CALL_LINES"));
    assertEquals(Map.of("!Equals", List.of(Map.of("!Ref", "ApiAccessLogs"), "on")), map(template.get("Conditions")).get("WantsAccessLogs"));
    assertEquals("WantsAccessLogs", resources.get("ApiAccessLogGroup").get("Condition"));
    List<?> either = (List<?>) map(props("HttpApi").get("AccessLogSettings")).get("!If");
    assertEquals("WantsAccessLogs", either.get(0));
    assertEquals(Map.of("!Ref", "AWS::NoValue"), either.get(2));
    Map<String, Object> access = map(either.get(1));
    assertEquals(Map.of("!GetAtt", "ApiAccessLogGroup.Arn"), access.get("DestinationArn"));
    assertEquals(Map.of("!Ref", "LogRetentionDays"), props("ApiAccessLogGroup").get("RetentionInDays"));
    String format = (String) access.get("Format");
    dev.verodestination.json.Json.MAPPER.convertValue(readJson(format), Map.class);
    assertTrue(format.contains("$context.routeKey") && format.contains("$context.requestId"), format);
    assertFalse(format.contains("$context.path"), "a webhook's path holds its token; the route key does not");
  }

  @Test
  void theDashboardIsValidJsonAndShowsEveryMetricTheFunctionsEmit() throws Exception {
    String body = (String) map(props("Dashboard").get("DashboardBody")).get("!Sub");
    com.fasterxml.jackson.databind.JsonNode dashboard = readJson(body.replaceAll("\\$\\{[^}]+}", "X"));
    assertEquals(9, dashboard.get("widgets").size());
    for (String metric : List.of("Requests", "Messages", "VeroCalls", "VeroLatency", "Retries", "DeadLetters", "WebhookEvents")) {
      assertTrue(body.contains("MetricName=\\\"" + metric + "\\\""), metric + " is on the dashboard");
    }
    for (String metric : List.of("VeroUnreachable", "VeroCredentialRejected", "VeroRateLimited")) {
      assertTrue(body.contains("\"VeroDestination/${AWS::StackName}\",\"" + metric + "\",\"Function\",\"deliver\""), metric);
    }
    assertTrue(body.contains("{" + dev.verodestination.log.Metrics.DEFAULT_NAMESPACE + "/${AWS::StackName},"),
        "the stack's own namespace");
    assertFalse(body.contains("{" + dev.verodestination.log.Metrics.DEFAULT_NAMESPACE + ","), "no search of every stack's metrics");
    Object namespace = map(map(map(map(template.get("Globals")).get("Function")).get("Environment")).get("Variables"))
        .get("METRICS_NAMESPACE");
    assertEquals(dev.verodestination.log.Metrics.DEFAULT_NAMESPACE + "/${AWS::StackName}", map(namespace).get("!Sub"),
        "the functions write to the namespace the dashboard searches");
    for (String resource : List.of("EventQueue.QueueName", "DeadLetterQueue.QueueName", "WebhookDeadLetterQueue.QueueName",
        "IngestFunction", "DeliverFunction", "WebhookFunction", "HttpApi")) {
      assertTrue(body.contains("${" + resource + "}"), resource);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
    try {
      return dev.verodestination.json.Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  @Test
  void theDestinationRulesParameterReachesIngestAndDeliverAndEveryDocumentedExampleIsValidAndFitsIt() throws IOException {
    Map<String, Object> parameter = map(map(template.get("Parameters")).get("DestinationRules"));
    assertEquals("", parameter.get("Default"));
    int maxLength = (Integer) parameter.get("MaxLength");
    for (String reader : List.of("IngestFunction", "DeliverFunction")) {
      assertEquals(Map.of("!Ref", "DestinationRules"), map(map(props(reader).get("Environment")).get("Variables")).get("DESTINATION_RULES"),
          reader);
    }
    assertFalse(map(map(props("WebhookFunction").get("Environment")).get("Variables")).containsKey("DESTINATION_RULES"));

    String reference = Files.readString(Conformance.projectRoot().resolve("docs/rules.md"));
    List<DestinationRules> examples = validExamples(reference, maxLength);
    assertEquals(5, examples.size(), "the reference's example and the four worked examples");
    DestinationRules funnel = examples.get(2);
    assertEquals(Optional.of("filtered: the event matches no events.allow pattern"),
        funnel.skipReason(track("Viewed Pricing"), MessageType.TRACK).map(SkipReason::text));
    assertNotEquals(Optional.empty(), funnel.skipReason(track("Checkout Step Debug 2"), MessageType.TRACK));
    assertEquals(Optional.empty(), funnel.skipReason(track("Checkout Step 3"), MessageType.TRACK));
    ObjectNode order = track("Order Completed");
    funnel.reshape(order, MessageType.TRACK);
    assertEquals("purchase", order.get("event").textValue());

    String readme = Files.readString(Conformance.projectRoot().resolve("README.md"));
    String shaping = readme.substring(readme.indexOf("## Shaping the mapping"), readme.indexOf("## Deploying with SAM"));
    assertEquals(3, validExamples(shaping, maxLength).size(), "email-only leads, audiences, products");
  }

  /** Each JSON block of a page, read by both functions as they would read the parameter, and short enough for it. */
  private static List<DestinationRules> validExamples(String page, int maxLength) {
    Matcher block = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(page);
    List<DestinationRules> examples = new java.util.ArrayList<>();
    while (block.find()) {
      String compact = Json.string(Json.treeOrMissing(block.group(1)));
      assertTrue(compact.length() <= maxLength, compact);
      examples.add(DestinationRules.parse(block.group(1)));
      dev.verodestination.deliver.vero.MappingRules.parse(block.group(1));
    }
    return examples;
  }

  private static ObjectNode track(String event) {
    return Json.object().put("type", "track").put("userId", "u").put("event", event);
  }

  @Test
  void deliversRoleMayMakeExactlyTheProgressTableCallsItsCodeMakes() throws IOException {
    // the role granted PutItem while the code sends UpdateItem and DeleteItem: in AWS no attempt was ever counted
    String source = Files.readString(Conformance.projectRoot()
        .resolve("functions/deliver/src/main/java/dev/verodestination/deliver/DynamoDbCallProgress.java"));
    Set<String> called = new java.util.TreeSet<>();
    Matcher call = Pattern.compile("dynamo\\.(\\w+)\\(").matcher(source);
    while (call.find()) {
      called.add("dynamodb:" + Character.toUpperCase(call.group(1).charAt(0)) + call.group(1).substring(1));
    }
    assertEquals(Set.of("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"), called);
    Set<String> granted = new java.util.TreeSet<>();
    for (Object policy : (List<?>) props("DeliverFunction").get("Policies")) {
      for (Object statement : (List<?>) map(policy).get("Statement")) {
        if (Map.of("!GetAtt", "ProgressTable.Arn").equals(map(statement).get("Resource"))) {
          granted.addAll(stringList(map(statement).get("Action")));
        }
      }
    }
    assertEquals(called, granted);
  }
}
