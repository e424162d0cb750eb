package dev.verodestination.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.json.JsonErrors;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * A request's body as JSON: its size and encoding checked, gzip undone within the limit. The body is
 * read as JSON whatever its Content-Type says: senders that teams point at a Segment-compatible
 * endpoint label it variously (analytics.js's beacons say {@code text/plain}, RudderStack's Node SDK
 * sends gzipped JSON as {@code application/x-www-form-urlencoded}), and the write key, not the label,
 * is what keeps others out.
 */
final class RequestBody {

  /** The parsed body, and what its bytes prove about the messages in it. */
  record Parsed(JsonNode root, BodyScan scan) {}

  static final int MAX_BODY_BYTES = 500 * 1024;

  private RequestBody() {}

  static Checked<Parsed> parse(IngestRequest request) {
    byte[] body = request.body();
    if (body.length > MAX_BODY_BYTES) {
      return Checked.refuse(413, "body is " + body.length + " bytes; the limit is " + MAX_BODY_BYTES + " (500 KB)");
    }
    Optional<Boolean> gzip = Gzip.isGzip(request.contentEncoding());
    if (gzip.isEmpty()) {
      return Checked.refuse(415, "Content-Encoding must be gzip or none");
    }
    if (gzip.get() || Gzip.startsLikeGzip(body)) {
      switch (Gzip.inflate(body, MAX_BODY_BYTES)) {
        case Gzip.TooLarge tooLarge -> {
          return Checked.refuse(413, "body is over " + MAX_BODY_BYTES + " bytes (500 KB) once decompressed");
        }
        case Gzip.Invalid invalid -> {
          return Checked.refuse(400, "body is marked gzip but is not valid gzip");
        }
        case Gzip.Bytes inflated -> body = inflated.bytes();
      }
    }
    if (body.length == 0) {
      return Checked.refuse(400, "body is empty: expected a JSON object or array");
    }
    BodyScan scan = BodyScan.of(body);
    if (scan.invalidUtf8().isPresent()) {
      return Checked.refuse(400, scan.invalidUtf8().get());
    }
    try {
      return new Checked.Ok<>(new Parsed(Json.MAPPER.readTree(body), scan));
    } catch (JsonProcessingException e) {
      return Checked.refuse(400, "malformed JSON" + labelled(request.contentType()) + ": " + JsonErrors.describe(e));
    } catch (IOException e) {
      return Checked.refuse(400, "malformed JSON" + labelled(request.contentType()) + ": unreadable body");
    }
  }

  /** For a body that is not JSON, what its label said: a sender of a form or a file learns why it was read as JSON. */
  private static String labelled(String contentType) {
    if (contentType == null || contentType.isBlank() || isJsonContentType(contentType)) {
      return "";
    }
    String mediaType = contentType.split(";", 2)[0].trim();
    return " (the body is read as JSON whatever its Content-Type; this one says "
        + (mediaType.length() > 80 ? mediaType.substring(0, 80) + "…" : mediaType) + ")";
  }

  private static boolean isJsonContentType(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }
}
