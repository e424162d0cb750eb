package dev.verodestination.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-origin answers for browser sources: analytics.js sends an Authorization header (and
 * X-Retry-Count on retries), so the browser asks first. Every answer, errors included, carries the
 * allowed origin, so that a page can read why a call failed. template.yaml gives API Gateway the same
 * rules.
 */
public final class Cors {

  public static final String ALLOW_METHODS = "POST, GET, OPTIONS";
  /** What Segment's libraries and the Webhooks destination send beyond the simple headers. */
  public static final String ALLOW_HEADERS = "authorization, content-type, content-encoding, x-retry-count, x-signature";
  /** Chromium's longest preflight cache. */
  public static final int MAX_AGE_SECONDS = 7200;

  private final List<String> allowedOrigins;
  private final boolean anyOrigin;

  Cors(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
    this.anyOrigin = allowedOrigins.contains("*");
  }

  /** The headers for an answer to a request from {@code origin} (null when not from a browser page). */
  Map<String, String> headers(String origin, boolean preflight) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (anyOrigin) {
      headers.put("access-control-allow-origin", "*");
    } else {
      headers.put("vary", "Origin");
      if (origin != null && allowedOrigins.contains(origin)) {
        headers.put("access-control-allow-origin", origin);
      }
    }
    if (preflight) {
      headers.put("access-control-allow-methods", ALLOW_METHODS);
      headers.put("access-control-allow-headers", ALLOW_HEADERS);
      headers.put("access-control-max-age", Integer.toString(MAX_AGE_SECONDS));
    }
    return headers;
  }
}
