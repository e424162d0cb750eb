package dev.verodestination.queue;

/**
 * SQS refuses a message whose body or attributes hold a character outside XML's: NUL and most other
 * controls, U+FFFE, U+FFFF and a surrogate without its pair. Text that comes from outside (an
 * error body Vero sent, a reason quoting it) is made safe before it is queued.
 */
public final class SqsText {

  private SqsText() {}

  public static boolean isSafe(String text) {
    return firstUnsafe(text) < 0;
  }

  /** The index of the first character SQS would refuse, or -1. */
  public static int firstUnsafe(String text) {
    return firstUnsafe(text, 0);
  }

  /** The same, from {@code from} on. */
  public static int firstUnsafe(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0xD800) {
        // nearly every character: one test, before the rarer cases below
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (!allowed(c)) {
        return i;
      }
    }
    return -1;
  }

  /** The text with each character SQS would refuse replaced by U+FFFD. */
  public static String safe(String text) {
    if (isSafe(text)) {
      return text;
    }
    StringBuilder safe = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        safe.append(c).append(text.charAt(++i));
      } else {
        safe.append(allowed(c) ? c : '\uFFFD');
      }
    }
    return safe.toString();
  }

  /** XML 1.0's characters, as SQS documents them, for one UTF-16 unit that is not part of a pair. */
  private static boolean allowed(char c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
  }
}
