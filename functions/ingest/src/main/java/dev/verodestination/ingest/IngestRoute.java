package dev.verodestination.ingest;

import dev.verodestination.segment.MessageType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a POST path asks for: one typed call ({@code /v1/track}, or analytics.js's short
 * {@code /v1/t}), a batch ({@code /v1/batch}, {@code /v1/import}, the short {@code /v1/b} of
 * analytics.js's batching mode and the mobile libraries), a library's own metrics ({@code /v1/m},
 * accepted and not kept), or a bare body as Segment's Webhooks destination posts it (any other path
 * outside {@code /v1/}, such as {@code /b} when a mobile library's apiHost has no {@code /v1}).
 */
public record IngestRoute(Kind kind, Optional<MessageType> type) {

  public enum Kind { SINGLE, BATCH, BARE, METRICS }

  public static final IngestRoute BARE = new IngestRoute(Kind.BARE, Optional.empty());
  public static final IngestRoute BATCH = new IngestRoute(Kind.BATCH, Optional.empty());
  public static final IngestRoute METRICS = new IngestRoute(Kind.METRICS, Optional.empty());

  /** The first letter of each type's name, as analytics.js 2.0 posts to it. */
  private static final Map<String, MessageType> SHORT = Map.of(
      "i", MessageType.IDENTIFY, "t", MessageType.TRACK, "p", MessageType.PAGE,
      "s", MessageType.SCREEN, "g", MessageType.GROUP, "a", MessageType.ALIAS);

  /** Every route the function serves, as template.yaml declares them ({@code TemplateIT} compares). */
  public static final List<String> ROUTES = List.of(
      "POST /v1/identify", "POST /v1/track", "POST /v1/page", "POST /v1/screen", "POST /v1/group", "POST /v1/alias",
      "POST /v1/i", "POST /v1/t", "POST /v1/p", "POST /v1/s", "POST /v1/g", "POST /v1/a",
      "POST /v1/batch", "POST /v1/import", "POST /v1/b", "POST /v1/m", "POST /b", "POST /",
      "GET " + ProjectSettings.PATH);

  /** Empty for an unknown {@code /v1/...} path. A stage prefix ({@code /prod/v1/track}) is ignored. */
  public static Optional<IngestRoute> fromPath(String rawPath) {
    return of(withoutTrailingSlashes(rawPath));
  }

  private static Optional<IngestRoute> of(String path) {
    int v1 = path.lastIndexOf("/v1/");
    if (v1 < 0) {
      return path.endsWith("/v1") ? Optional.empty() : Optional.of(BARE);
    }
    String call = path.substring(v1 + 4);
    switch (call) {
      case "batch", "import", "b" -> {
        return Optional.of(BATCH);
      }
      case "m" -> {
        return Optional.of(METRICS);
      }
      default -> {
        MessageType shortForm = SHORT.get(call);
        // a deletion request comes bare or in a batch, as Segment forwards one: /v1/delete is no route
        return Optional.ofNullable(shortForm).or(() -> MessageType.fromWireName(call).filter(t -> t != MessageType.DELETE))
            .map(t -> new IngestRoute(Kind.SINGLE, Optional.of(t)));
      }
    }
  }

  /**
   * The path as a log line may show it: the route it matched, never the raw path, which may carry a
   * write key (the settings path) or another route's secret (a webhook token sent to the wrong host).
   */
  public static String forLog(String method, String rawPath) {
    if ("GET".equals(method) && ProjectSettings.addressOf(rawPath).isPresent()) {
      return ProjectSettings.PATH;
    }
    String path = withoutTrailingSlashes(rawPath);
    Optional<IngestRoute> route = of(path);
    if (route.isEmpty()) {
      return "(an unknown /v1 path)";
    }
    return switch (route.get().kind()) {
      case BARE -> path.equals("/") ? "/" : "(a path outside /v1)";
      default -> path.substring(path.lastIndexOf("/v1/"));
    };
  }

  private static String withoutTrailingSlashes(String rawPath) {
    String path = rawPath == null ? "/" : rawPath;
    int end = path.length();
    while (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }
}
