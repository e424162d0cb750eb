package dev.verodestination.ingest;

/**
 * An HTTP request to ingest, as the handler received it (base64 already undone). {@code body} is
 * the bytes as sent, still gzip-compressed when {@code contentEncoding} says so: a signature is over
 * those bytes.
 */
public record IngestRequest(
    IngestRoute route, byte[] body, String contentType, String authorization, String signature, String contentEncoding) {

  public IngestRequest(IngestRoute route, byte[] body, String contentType, String authorization, String signature) {
    this(route, body, contentType, authorization, signature, null);
  }
}
