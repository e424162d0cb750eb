package dev.verodestination.deliver.vero;

/**
 * What authenticates every Vero call, and the body field it goes in: a tracking API key (Vero's
 * credential since 2025, {@code tracking_api_key}) or an older account's auth token
 * ({@code auth_token}). Its value never reaches a log line, an answer or a dead-letter reason.
 */
public record VeroCredential(String field, String value) {

  public static VeroCredential trackingApiKey(String key) {
    return new VeroCredential("tracking_api_key", key);
  }

  public static VeroCredential authToken(String token) {
    return new VeroCredential("auth_token", token);
  }

  @Override
  public String toString() {
    return "VeroCredential[" + field + "]";
  }
}
