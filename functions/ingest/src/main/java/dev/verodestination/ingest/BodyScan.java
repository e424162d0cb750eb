package dev.verodestination.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * One pass over a request's bytes before they are parsed: whether they are UTF-8 at all (the parser
 * would read an overlong {@code C0 AF} as {@code /}), and what they prove about the messages in them,
 * so that nearly every message needs no search of its own.
 *
 * @param invalidUtf8 the first problem and where it is; empty when the bytes are UTF-8
 * @param mayHoldUnsafeText false proves that no string or key holds a character SQS refuses: such a
 *     character (U+FFFE, U+FFFF) is written with an 0xEF lead byte or as a {@code \\uF...} escape, a
 *     lone surrogate as a {@code \\uD...} escape; the scan also flags a few safe characters
 *     (Hangul from U+D000, full-width forms), which only cost a closer look
 * @param mayHoldLongNumbers false proves that every number is written back no longer than it was
 *     read: only an exponent ({@code 1e999}) can make one longer, and none is outside a string
 */
record BodyScan(Optional<String> invalidUtf8, boolean mayHoldUnsafeText, boolean mayHoldLongNumbers) {

  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
  private static final long CASE_BITS = 0x2020202020202020L;

  static BodyScan of(byte[] bytes) {
    boolean unsafeText = false;
    boolean longNumbers = false;
    // outside strings only: hex ids ("4a5e") and text are full of a digit before an e
    boolean inString = false;
    int n = bytes.length;
    for (int i = 0; i < n; i++) {
      // eight bytes at a time while they cannot change what is known: most of a body is plain ASCII,
      // and looking at it byte by byte was a twelfth of ingest's time. A word of ASCII without a
      // backslash is settled whole: its quotes open and close strings by their count (the prefix
      // parity says which of its bytes are inside one), and it only needs a closer look when an e
      // stands outside a string
      if (i + Long.BYTES <= n) {
        long word = (long) WORDS.get(bytes, i);
        long quotes = bytesEqual(word, '"');
        long backslashes = bytesEqual(word, '\\');
        // an upper-case letter is its lower-case one with bit 5 clear: one test finds e and E
        long exponents = bytesEqual(word | CASE_BITS, 'e');
        if (((word & HIGH_BITS) | backslashes) == 0) {
          long parity = quotes ^ (quotes << 8);
          parity ^= parity << 16;
          parity ^= parity << 32;
          if ((exponents & (inString ? parity : ~parity)) == 0) {
            inString ^= (Long.bitCount(quotes) & 1) == 1;
            i += Long.BYTES - 1;
            continue;
          }
        }
        long stops = (word & HIGH_BITS) | quotes | (inString ? backslashes : exponents);
        if (stops == 0) {
          i += Long.BYTES - 1;
          continue;
        }
        i += Long.numberOfTrailingZeros(stops) >>> 3;
      }
      byte b = bytes[i];
      if (b >= 0) {
        if (inString) {
          if (b == '"') {
            inString = false;
          } else if (b == '\\' && i + 1 < n) {
            if (bytes[i + 1] == 'u' && i + 2 < n) {
              byte first = bytes[i + 2];
              unsafeText |= first == 'd' || first == 'D' || first == 'f' || first == 'F';
            }
            i++;
          }
        } else if (b == '"') {
          inString = true;
        } else if ((b == 'e' || b == 'E') && i > 0 && bytes[i - 1] >= '0' && bytes[i - 1] <= '9') {
          longNumbers = true;
        }
        continue;
      }
      int lead = b & 0xFF;
      int length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
      if (length == 0) {
        return invalid(i, lead, lead == 0xC0 || lead == 0xC1 ? "an overlong encoding" : lead < 0xC0 ? "a continuation byte without a lead"
            : "a byte UTF-8 never uses");
      }
      if (i + length > n) {
        return invalid(i, lead, "a sequence cut off by the end of the body");
      }
      int second = bytes[i + 1] & 0xFF;
      int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
      int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
      if (second < low || second > high) {
        return invalid(i, lead, second >= 0x80 && second <= 0xBF
            ? (lead == 0xED ? "a surrogate, which UTF-8 cannot encode" : lead == 0xF4 ? "a code point past U+10FFFF" : "an overlong encoding")
            : "a lead byte without its continuation");
      }
      for (int k = 2; k < length; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return invalid(i, lead, "a lead byte without its continuation");
        }
      }
      unsafeText |= lead == 0xED || lead == 0xEF;
      i += length - 1;
    }
    return new BodyScan(Optional.empty(), unsafeText, longNumbers);
  }

  /** The high bit of each byte of {@code word} equal to {@code c}, exactly: the parity of quotes depends on it. */
  private static long bytesEqual(long word, char c) {
    long differences = word ^ (ONES * c);
    return ~(((differences & LOW_BITS) + LOW_BITS) | differences | LOW_BITS);
  }

  private static BodyScan invalid(int at, int lead, String what) {
    return new BodyScan(Optional.of(String.format(Locale.ROOT, "body is not valid UTF-8: byte 0x%02X at offset %d starts %s",
        lead, at, what)), true, true);
  }
}
