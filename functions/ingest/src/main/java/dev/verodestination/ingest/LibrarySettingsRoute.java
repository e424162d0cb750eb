package dev.verodestination.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.verodestination.http.HttpEvents;
import dev.verodestination.ingest.IngestResult.Refused;
import dev.verodestination.ingest.IngestResult.SdkSettings;
import java.util.Optional;

/** {@code GET /v1/projects/{writeKey}/settings}: the settings a library fetches, naming this deployment as its API host. */
final class LibrarySettingsRoute {

  private final IngestAuth auth;
  private final Optional<PublicApiHost> publicApiHost;

  /** {@code publicApiHost}: where the settings point; empty for each request's own host. */
  LibrarySettingsRoute(IngestAuth auth, Optional<PublicApiHost> publicApiHost) {
    this.auth = auth;
    this.publicApiHost = publicApiHost;
  }

  /** The same 404 for any path but a settings path and for a key that is not one: nothing tells keys apart. */
  IngestResult answer(APIGatewayV2HTTPEvent event) {
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
}
