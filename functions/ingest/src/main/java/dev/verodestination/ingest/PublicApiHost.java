package dev.verodestination.ingest;

import java.util.Locale;

/**
 * Where Segment's libraries reach this deployment, as their settings write it: a protocol, and a host
 * with an optional path prefix, without the trailing {@code /v1} ({@code events.example.com},
 * {@code 127.0.0.1:3000}).
 */
public record PublicApiHost(String protocol, String hostAndPrefix) {

  /** {@code events.example.com}, {@code https://events.example.com/segment} or {@code http://127.0.0.1:3000}. */
  public static PublicApiHost parse(String value) {
    String text = value.trim();
    String protocol = "https";
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      protocol = text.substring(0, scheme).toLowerCase(Locale.ROOT);
      text = text.substring(scheme + 3);
    }
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    if (!protocol.equals("https") && !protocol.equals("http")) {
      throw new IllegalArgumentException("protocol");
    }
    if (text.isEmpty() || !text.matches("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~\\-/]*)?")) {
      throw new IllegalArgumentException("host");
    }
    return new PublicApiHost(protocol, text);
  }

  /** The value of a library's {@code apiHost}: the host, any prefix, and {@code /v1}. */
  public String apiHost() {
    return hostAndPrefix + "/v1";
  }

  @Override
  public String toString() {
    return protocol + "://" + hostAndPrefix;
  }
}
