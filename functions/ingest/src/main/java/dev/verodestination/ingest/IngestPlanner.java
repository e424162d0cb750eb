package dev.verodestination.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.http.BasicAuth;
import dev.verodestination.http.HttpEvents;
import dev.verodestination.ingest.IngestResult.Ignored;
import dev.verodestination.ingest.IngestResult.Plan;
import dev.verodestination.ingest.IngestResult.Preflight;
import dev.verodestination.ingest.IngestResult.Refused;
import dev.verodestination.ingest.IngestResult.Rejected;
import dev.verodestination.ingest.IngestResult.SdkSettings;
import dev.verodestination.ingest.IngestResult.Skipped;
import dev.verodestination.json.Json;
import dev.verodestination.json.JsonErrors;
import dev.verodestination.segment.AnonymousUsers;
import dev.verodestination.segment.Identity;
import dev.verodestination.segment.Integrations;
import dev.verodestination.segment.MessageRules;
import dev.verodestination.segment.MessageType;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides, without any I/O, what an ingest request becomes: a request error, or for each message
 * accepted (with its enriched body), skipped (not for Vero) or rejected (invalid), with reasons. A
 * single call outside a batch whose message is rejected is refused as a whole (400).
 */
public final class IngestPlanner {

  public static final int MAX_BODY_BYTES = 500 * 1024;
  public static final int MAX_MESSAGES = 2500;

  static final String INTEGRATIONS_OFF = "integrations turn Vero off";
  static final String ALIAS_TO_SELF = "alias previousId equals userId: nothing to merge in Vero";
  static final String NOT_AN_OBJECT = "message must be a JSON object";
  static final String TOO_LARGE = " bytes; the limit is ";

  private final IngestAuth auth;
  private final Clock clock;
  private final Supplier<String> messageIds;
  private final Optional<PublicApiHost> publicApiHost;
  private final AnonymousUsers anonymousUsers;

  public IngestPlanner(IngestAuth auth, Clock clock) {
    this(auth, clock, () -> UUID.randomUUID().toString(), Optional.empty(), AnonymousUsers.SKIP);
  }

  public IngestPlanner(IngestAuth auth, Clock clock, Supplier<String> messageIds) {
    this(auth, clock, messageIds, Optional.empty(), AnonymousUsers.SKIP);
  }

  /**
   * {@code publicApiHost}: where library settings point, empty for each request's own host;
   * {@code anonymousUsers}: whether messages without a userId are for Vero.
   */
  public IngestPlanner(IngestAuth auth, Clock clock, Supplier<String> messageIds, Optional<PublicApiHost> publicApiHost,
      AnonymousUsers anonymousUsers) {
    this.auth = auth;
    this.clock = clock;
    this.messageIds = messageIds;
    this.publicApiHost = publicApiHost;
    this.anonymousUsers = anonymousUsers;
  }

  /** Reads an API Gateway event (method, route, body) and plans it; the event is data, nothing is sent. */
  public IngestResult plan(APIGatewayV2HTTPEvent event) {
    String method = HttpEvents.method(event);
    if ("OPTIONS".equals(method)) {
      return new Preflight();
    }
    if ("GET".equals(method)) {
      return settings(event);
    }
    if (!"POST".equals(method)) {
      return new Refused(405, "method " + method + " is not allowed: use POST");
    }
    Optional<IngestRoute> route = IngestRoute.fromPath(event.getRawPath());
    if (route.isEmpty()) {
      return new Refused(404, "unknown route: use /v1/identify, /v1/track, /v1/page, /v1/screen, "
          + "/v1/group, /v1/alias (or /v1/i, /v1/t, /v1/p, /v1/s, /v1/g, /v1/a), /v1/batch, /v1/import or /v1/b");
    }
    Optional<byte[]> body = HttpEvents.body(event);
    if (body.isEmpty()) {
      return new Refused(400, "body is marked base64 but is not valid base64");
    }
    return plan(new IngestRequest(route.get(), body.get(),
        HttpEvents.header(event, "content-type"),
        HttpEvents.header(event, "authorization"),
        HttpEvents.header(event, "x-signature"),
        HttpEvents.header(event, "content-encoding")));
  }

  /** The same 404 for any path but a settings path and for a key that is not one: nothing tells keys apart. */
  private IngestResult settings(APIGatewayV2HTTPEvent event) {
    Optional<ProjectSettings.Address> address = ProjectSettings.addressOf(event.getRawPath());
    if (address.isEmpty() || !auth.isWriteKey(address.get().writeKey())) {
      return new Refused(404, "no project settings here: GET /v1/projects/{writeKey}/settings with a valid write key");
    }
    Optional<PublicApiHost> host = publicApiHost.or(() -> requestHost(event, address.get().prefix()));
    if (host.isEmpty()) {
      return new Refused(400, "the Host header is not a host name, so the settings cannot name this deployment; "
          + "set PUBLIC_API_HOST");
    }
    return new SdkSettings(ProjectSettings.body(address.get().writeKey(), host.get()));
  }

  /** The host the caller reached, as API Gateway (or the local runner) forwards it. */
  private static Optional<PublicApiHost> requestHost(APIGatewayV2HTTPEvent event, String prefix) {
    String host = HttpEvents.header(event, "host");
    if (host == null && event.getRequestContext() != null) {
      host = event.getRequestContext().getDomainName();
    }
    String protocol = HttpEvents.header(event, "x-forwarded-proto");
    if (host == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(PublicApiHost.parse((protocol == null ? "https" : protocol.trim()) + "://" + host.trim() + prefix));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public IngestResult plan(IngestRequest request) {
    byte[] body = request.body();
    if (request.route().kind() == IngestRoute.Kind.METRICS) {
      // a library's own telemetry: Segment takes it without a write key, and so does this
      return new Ignored("library metrics are accepted and not kept");
    }
    if (body.length > MAX_BODY_BYTES) {
      return new Refused(413, "body is " + body.length + " bytes; the limit is " + MAX_BODY_BYTES + " (500 KB)");
    }
    if (!isJsonContentType(request.contentType())) {
      return new Refused(415, "Content-Type must be application/json");
    }
    Optional<Boolean> gzip = Gzip.isGzip(request.contentEncoding());
    if (gzip.isEmpty()) {
      return new Refused(415, "Content-Encoding must be gzip or none");
    }
    if (gzip.get()) {
      switch (Gzip.inflate(body, MAX_BODY_BYTES)) {
        case Gzip.TooLarge tooLarge -> {
          return new Refused(413, "body is over " + MAX_BODY_BYTES + " bytes (500 KB) once decompressed");
        }
        case Gzip.Invalid invalid -> {
          return new Refused(400, "body is marked gzip but is not valid gzip");
        }
        case Gzip.Bytes inflated -> body = inflated.bytes();
      }
    }
    if (body.length == 0) {
      return new Refused(400, "body is empty: expected a JSON object or array");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return new Refused(400, "malformed JSON: " + JsonErrors.describe(e));
    } catch (IOException e) {
      return new Refused(400, "malformed JSON: unreadable body");
    }
    if (!isAuthorized(request, root)) {
      return new Refused(401, "no valid credentials: send a write key as the Basic auth user name, "
          + "as \"writeKey\" in the body, or sign the body with X-Signature");
    }
    return switch (request.route().kind()) {
      case SINGLE -> root.isObject()
          ? planSingle(root, request.route().type())
          : new Refused(400, "body must be a JSON object (got " + kind(root) + ")");
      case BATCH -> planBatchEnvelope(root);
      case BARE -> planBare(root);
      case METRICS -> throw new IllegalStateException("metrics are answered before the body is read");
    };
  }

  private IngestResult planBare(JsonNode root) {
    if (root.isArray()) {
      return planMessages(root, null, Optional.empty(), false);
    }
    if (root.isObject() && root.has("batch")) {
      return planBatchEnvelope(root);
    }
    if (root.isObject()) {
      return planSingle(root, Optional.empty());
    }
    return new Refused(400, "body must be a JSON object or array (got " + kind(root) + ")");
  }

  private IngestResult planSingle(JsonNode root, Optional<MessageType> type) {
    ArrayNode one = Json.MAPPER.createArrayNode().add(root);
    return planMessages(one, null, type, true);
  }

  private IngestResult planBatchEnvelope(JsonNode root) {
    if (!root.isObject()) {
      return new Refused(400, "body must be a JSON object with a \"batch\" array (got " + kind(root) + ")");
    }
    JsonNode batch = root.get("batch");
    if (batch == null || !batch.isArray()) {
      return new Refused(400, "\"batch\" must be an array of messages");
    }
    return planMessages(batch, root, Optional.empty(), false);
  }

  private IngestResult planMessages(JsonNode items, JsonNode envelope, Optional<MessageType> type, boolean single) {
    if (items.size() > MAX_MESSAGES) {
      return new Refused(413, "request has " + items.size() + " messages; the limit is " + MAX_MESSAGES);
    }
    Instant receivedAt = clock.instant();
    List<AcceptedMessage> accepted = new ArrayList<>(items.size());
    List<Skipped> skipped = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (int index = 0; index < items.size(); index++) {
      JsonNode item = items.get(index);
      if (!item.isObject()) {
        rejected.add(new Rejected(index, NOT_AN_OBJECT + " (got " + kind(item) + ")"));
        continue;
      }
      ObjectNode message = (ObjectNode) item;
      type.ifPresent(t -> message.put("type", t.wireName()));
      if (envelope != null) {
        BatchEnvelope.mergeInto(message, envelope);
      }
      message.remove("writeKey");
      Optional<String> error = MessageRules.check(message).or(() -> QueueableValues.check(message));
      if (error.isPresent()) {
        rejected.add(new Rejected(index, error.get()));
        continue;
      }
      if (!Integrations.veroEnabled(message)) {
        skipped.add(new Skipped(index, INTEGRATIONS_OFF));
        continue;
      }
      Optional<String> personId = anonymousUsers.personId(message);
      if (personId.isEmpty()) {
        skipped.add(new Skipped(index, AnonymousUsers.NO_USER_ID));
        continue;
      }
      if (type(message) == MessageType.ALIAS && Identity.userId(message).equals(Identity.idField(message, "previousId"))) {
        // analytics.js makes this when alias is called after identify: there is nothing to merge
        skipped.add(new Skipped(index, ALIAS_TO_SELF));
        continue;
      }
      long added = Enrichment.apply(message, receivedAt, messageIds);
      String body = Json.string(message);
      long sentSize = Json.utf8Length(body) - added;
      if (sentSize > MessageRules.MAX_MESSAGE_BYTES) {
        rejected.add(new Rejected(index, "message is " + sentSize + TOO_LARGE
            + MessageRules.MAX_MESSAGE_BYTES + " (32 KB)"));
        continue;
      }
      accepted.add(new AcceptedMessage(personId.get(), message.get("messageId").textValue(), body));
    }
    if (single && !rejected.isEmpty()) {
      // one message outside a batch: its rejection is the request's answer
      return new Refused(400, rejected.get(0).error());
    }
    return new Plan(accepted, skipped, rejected);
  }

  private boolean isAuthorized(IngestRequest request, JsonNode root) {
    if (BasicAuth.user(request.authorization()).map(auth::isWriteKey).orElse(false)) {
      return true;
    }
    if (auth.isSignedBody(request.signature(), request.body())) {
      return true;
    }
    if (root.isObject()) {
      return bodyKeyIsValid(root);
    }
    if (root.isArray()) {
      for (JsonNode item : root) {
        if (bodyKeyIsValid(item)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean bodyKeyIsValid(JsonNode node) {
    JsonNode key = node.get("writeKey");
    return key != null && key.isTextual() && auth.isWriteKey(key.textValue());
  }

  static boolean isJsonContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    // analytics.js sends beacons as text/plain to avoid a CORS preflight
    return mediaType.equals("application/json") || mediaType.endsWith("+json") || mediaType.equals("text/plain");
  }

  private static MessageType type(JsonNode message) {
    return MessageType.fromWireName(message.path("type").asText()).orElseThrow();
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "something else";
    };
  }
}
