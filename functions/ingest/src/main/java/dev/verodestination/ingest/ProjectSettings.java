package dev.verodestination.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.json.Json;
import java.util.Optional;

/**
 * The settings Segment's libraries fetch at start from {@code {cdn}/v1/projects/{writeKey}/settings}
 * (analytics.js's {@code cdnURL}, the mobile libraries' {@code cdnHost}). Served here, they name this
 * deployment as the {@code Segment.io} destination's {@code apiHost}, so that the CDN address is the
 * only thing a library needs to be told; no other destination runs in the browser or the app.
 */
final class ProjectSettings {

  static final String PATH = "/v1/projects/{writeKey}/settings";
  private static final String MARKER = "/v1/projects/";

  private ProjectSettings() {}

  /** The write key of a settings path, and the path prefix before {@code /v1} (a stage, a proxy path). */
  record Address(String writeKey, String prefix) {}

  static Optional<Address> addressOf(String rawPath) {
    if (rawPath == null || !rawPath.endsWith("/settings")) {
      return Optional.empty();
    }
    int at = rawPath.lastIndexOf(MARKER);
    if (at < 0) {
      return Optional.empty();
    }
    String key = rawPath.substring(at + MARKER.length(), rawPath.length() - "/settings".length());
    return key.isEmpty() || key.contains("/") ? Optional.empty() : Optional.of(new Address(key, rawPath.substring(0, at)));
  }

  /**
   * Only the fields the libraries read, each at a value that turns the feature off, so that neither a
   * browser nor an app loads anything from Segment's own servers. Metrics go to this deployment's
   * {@code /v1/m} and are sampled at 0 anyway.
   */
  static ObjectNode body(String writeKey, PublicApiHost host) {
    ObjectNode settings = Json.object();
    ObjectNode segment = settings.putObject("integrations").putObject("Segment.io");
    segment.put("apiKey", writeKey);
    segment.put("apiHost", host.apiHost());
    segment.put("protocol", host.protocol());
    segment.putArray("unbundledIntegrations");
    segment.put("addBundledMetadata", false);
    settings.putObject("plan");
    settings.putObject("edgeFunction");
    settings.put("analyticsNextEnabled", true);
    settings.putObject("middlewareSettings");
    settings.putObject("enabledMiddleware");
    settings.putObject("metrics").put("sampleRate", 0).put("host", host.apiHost());
    settings.put("legacyVideoPluginsEnabled", false);
    settings.putArray("remotePlugins");
    return settings;
  }
}
