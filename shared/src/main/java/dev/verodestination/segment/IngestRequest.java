package dev.verodestination.segment;

/** An HTTP request to ingest, as the handler received it (body already base64-decoded). */
public record IngestRequest(
    IngestRoute route, byte[] body, String contentType, String authorization, String signature) {}
