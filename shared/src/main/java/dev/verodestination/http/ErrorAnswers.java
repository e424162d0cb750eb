package dev.verodestination.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads HTTP answers the way both the Vero and Segment clients need: Retry-After and body excerpts. */
public final class ErrorAnswers {

  public static final int EXCERPT_CHARS = 200;

  private ErrorAnswers() {}

  /** Retry-After as delay-seconds or an HTTP-date; empty when absent or unreadable. */
  public static Optional<Duration> retryAfter(Optional<String> header, Clock clock) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  /** The start of an answer's body, on one line, with every occurrence of each secret masked. */
  public static String excerpt(String body, String... secrets) {
    String text = body == null ? "" : body;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        text = text.replace(secret, "***");
      }
    }
    text = text.replaceAll("\\s+", " ").trim();
    return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "…";
  }
}
