package dev.verodestination.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.verodestination.http.HttpEvents;
import dev.verodestination.ingest.IngestResult.Ignored;
import dev.verodestination.ingest.IngestResult.Preflight;
import dev.verodestination.ingest.IngestResult.Refused;
import dev.verodestination.ingest.rules.DestinationRules;
import dev.verodestination.segment.AnonymousUsers;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides, without any I/O, what an ingest request becomes: a request error, or for each message
 * accepted (with its enriched body), skipped (not for Vero) or rejected (invalid), with reasons.
 */
public final class IngestPlanner {

  public static final int MAX_BODY_BYTES = RequestBody.MAX_BODY_BYTES;
  public static final int MAX_MESSAGES = MessageTriage.MAX_MESSAGES;

  private static final Refused UNAUTHORIZED = new Refused(401, "no valid credentials: send a write key as the Basic auth "
      + "user name, as \"writeKey\" in the body, or sign the body with X-Signature");

  /** What a message without a messageId gets, as Segment's libraries make theirs. */
  public static final Supplier<String> RANDOM_MESSAGE_IDS = () -> UUID.randomUUID().toString();

  private final IngestAuth auth;
  private final LibrarySettingsRoute librarySettings;
  private final MessageTriage triage;

  /**
   * {@code messageIds}: ids for messages that come without one; {@code publicApiHost}: where library
   * settings point, empty for each request's own host; {@code anonymousUsers}: whether messages
   * without a userId are for Vero; {@code rules}: the operator's filters, renames and dropped fields.
   */
  public IngestPlanner(IngestAuth auth, Clock clock, Supplier<String> messageIds, Optional<PublicApiHost> publicApiHost,
      AnonymousUsers anonymousUsers, DestinationRules rules) {
    this.auth = auth;
    this.librarySettings = new LibrarySettingsRoute(auth, publicApiHost);
    this.triage = new MessageTriage(clock, messageIds, anonymousUsers, rules);
  }

  /** An API Gateway event, by method: a preflight, the library settings, or a POST of messages. */
  public IngestResult plan(APIGatewayV2HTTPEvent event) {
    String method = HttpEvents.method(event);
    return switch (method) {
      case "OPTIONS" -> new Preflight();
      case "GET" -> librarySettings.answer(event);
      case "POST" -> IngestRoute.fromPath(event.getRawPath())
          .map(route -> HttpEvents.body(event)
              .map(body -> planPost(new IngestRequest(route, body, HttpEvents.header(event, "content-type"),
                  HttpEvents.header(event, "authorization"), HttpEvents.header(event, "x-signature"),
                  HttpEvents.header(event, "content-encoding"))))
              .orElseGet(() -> new Refused(400, "body is marked base64 but is not valid base64")))
          .orElseGet(() -> new Refused(404, "unknown route: use /v1/identify, /v1/track, /v1/page, /v1/screen, "
              + "/v1/group, /v1/alias (or /v1/i, /v1/t, /v1/p, /v1/s, /v1/g, /v1/a), /v1/batch, /v1/import or /v1/b"));
      default -> new Refused(405, "method " + method + " is not allowed: use POST");
    };
  }

  /** A POST of messages: its body read, its sender authorized, its messages unwrapped, then each triaged. */
  public IngestResult planPost(IngestRequest request) {
    if (request.route().kind() == IngestRoute.Kind.METRICS) {
      // a library's own telemetry: Segment takes it without a write key, and so does this
      return new Ignored("library metrics are accepted and not kept");
    }
    return switch (RequestBody.parse(request)) {
      case Checked.Refusal<RequestBody.Parsed>(Refused refused) -> refused;
      case Checked.Ok<RequestBody.Parsed>(RequestBody.Parsed body) when !auth.authorizes(request, body.root()) -> UNAUTHORIZED;
      case Checked.Ok<RequestBody.Parsed>(RequestBody.Parsed body) -> switch (Envelopes.unwrap(request.route(), body.root())) {
        case Checked.Refusal<Envelopes.Messages>(Refused refused) -> refused;
        case Checked.Ok<Envelopes.Messages>(Envelopes.Messages messages) -> triage.plan(messages, body.scan());
      };
    };
  }
}
