package dev.verodestination.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Undoes {@code Content-Encoding: gzip} without letting a small body expand past a limit. */
public final class Gzip {

  /** The body inflated; empty when it is not gzip. */
  public sealed interface Inflated {}

  public record Bytes(byte[] bytes) implements Inflated {}

  public record TooLarge() implements Inflated {}

  public record Invalid() implements Inflated {}

  private Gzip() {}

  public static Inflated inflate(byte[] compressed, int maxBytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      return bytes.length > maxBytes ? new TooLarge() : new Bytes(bytes);
    } catch (IOException e) {
      return new Invalid();
    }
  }

  /**
   * Whether a body with no Content-Encoding is gzip all the same: its first two bytes are gzip's
   * magic number, which no JSON text can start with (0x1f is a control character, not whitespace).
   */
  public static boolean startsLikeGzip(byte[] body) {
    return body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b;
  }

  /** Gzip, or no encoding at all; empty for anything else. */
  public static Optional<Boolean> isGzip(String contentEncoding) {
    if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.trim().equalsIgnoreCase("identity")) {
      return Optional.of(false);
    }
    return contentEncoding.trim().equalsIgnoreCase("gzip") ? Optional.of(true) : Optional.empty();
  }
}
