package dev.verodestination.queue;

import dev.verodestination.crypto.Sha256;

/**
 * SQS takes group and deduplication ids of at most 128 characters from a narrow alphabet
 * (alphanumerics and ASCII punctuation). A Segment userId or messageId outside it (an email with a
 * space, a non-Latin name, a long URL) is replaced by its SHA-256, which keeps both order per user
 * and deduplication exact.
 */
public final class FifoIds {

  public static final int MAX_LENGTH = 128;

  private FifoIds() {}

  public static String of(String id) {
    return fits(id) ? id : "sha256-" + Sha256.hex(id);
  }

  static boolean fits(String id) {
    if (id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }
}
