package dev.verodestination.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** HTTP Basic auth as Segment uses it: the write key is the user name, the password is empty. */
public final class BasicAuth {

  private BasicAuth() {}

  public static String header(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** The user name of a {@code Basic} Authorization header, password ignored; empty when there is none. */
  public static Optional<String> user(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon)).filter(s -> !s.isEmpty());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
