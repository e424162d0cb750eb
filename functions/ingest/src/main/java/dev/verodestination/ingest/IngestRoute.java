package dev.verodestination.ingest;

import dev.verodestination.segment.MessageType;
import java.util.Optional;

/**
 * What a request path asks for: one typed call ({@code /v1/track}), a batch ({@code /v1/batch},
 * {@code /v1/import}), or a bare body as Segment's Webhooks destination posts it (any other path
 * outside {@code /v1/}).
 */
public record IngestRoute(Kind kind, Optional<MessageType> type) {

  public enum Kind { SINGLE, BATCH, BARE }

  public static final IngestRoute BARE = new IngestRoute(Kind.BARE, Optional.empty());
  public static final IngestRoute BATCH = new IngestRoute(Kind.BATCH, Optional.empty());

  /** Empty for an unknown {@code /v1/...} path. A stage prefix ({@code /prod/v1/track}) is ignored. */
  public static Optional<IngestRoute> fromPath(String rawPath) {
    String path = rawPath == null ? "/" : rawPath;
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    int v1 = path.lastIndexOf("/v1/");
    if (v1 < 0) {
      return path.endsWith("/v1") ? Optional.empty() : Optional.of(BARE);
    }
    String call = path.substring(v1 + 4);
    if (call.equals("batch") || call.equals("import")) {
      return Optional.of(BATCH);
    }
    return MessageType.fromWireName(call).map(t -> new IngestRoute(Kind.SINGLE, Optional.of(t)));
  }
}
