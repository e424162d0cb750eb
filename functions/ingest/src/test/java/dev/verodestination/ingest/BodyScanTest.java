package dev.verodestination.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyScanTest {

  private static BodyScan scan(String json) {
    return BodyScan.of(json.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code "a":"x<hex>y"} with the bytes given in hex, so that any byte sequence can be written. */
  private static BodyScan scanWithBytes(String hex) {
    byte[] head = "{\"a\":\"x".getBytes(StandardCharsets.US_ASCII);
    byte[] middle = HexFormat.of().parseHex(hex);
    byte[] tail = "y\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + middle.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(middle, 0, all, head.length, middle.length);
    System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
    return BodyScan.of(all);
  }

  @Test
  void ordinaryTextIsClearedAndEveryWayAnUnsafeCharacterCanBeWrittenIsFlagged() {
    assertFalse(scan("{\"event\":\"Café \\u00e9 \\n\",\"n\":1.5,\"emoji\":\"\uD83D\uDE00\"}").mayHoldUnsafeText(), "accents, escapes, a pair");
    assertTrue(scan("{\"event\":\"a\\uFFFF\"}").mayHoldUnsafeText(), "an escaped U+FFFF");
    assertTrue(scan("{\"event\":\"a\\ufffe\"}").mayHoldUnsafeText(), "lower case");
    assertTrue(scan("{\"name\":\"\\uD800x\"}").mayHoldUnsafeText(), "half a pair, escaped");
    assertTrue(scan("{\"event\":\"a\uFFFF\"}").mayHoldUnsafeText(), "a raw U+FFFF: EF BF BF");
    assertTrue(scan("{\"k\uFFFEy\":1}").mayHoldUnsafeText(), "in a key");
    assertTrue(scan("{\"name\":\"한국\"}").mayHoldUnsafeText(), "Hangul shares the lead byte: a closer look, not a refusal");
    assertEquals(Optional.empty(), scan("{\"name\":\"한국 \uD83D\uDE00 é\"}").invalidUtf8());
  }

  @Test
  void onlyAnExponentAfterADigitCanMakeANumberLongerOnceWritten() {
    assertFalse(scan("{\"revenue\":42.5,\"n\":-0.000000001,\"big\":123456789012345678901234567890,\"event\":\"Elevated\"}").mayHoldLongNumbers());
    assertTrue(scan("{\"n\":1e999}").mayHoldLongNumbers());
    assertTrue(scan("{\"n\":2.5E+3}").mayHoldLongNumbers());
    assertFalse(scan("{\"messageId\":\"6f1d2c3b-4a5e\",\"sku\":\"A1e\",\"q\":\"\\\"1e5\\\"\"}").mayHoldLongNumbers(),
        "a digit before an e inside a string, escaped quotes included, is text");
    assertTrue(scan("{\"s\":\"a\\\\\",\"n\":1e5}").mayHoldLongNumbers(), "an escaped backslash ends no string early");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "C0AF|byte 0xC0 at offset 7 starts an overlong encoding",
      "C180|byte 0xC1 at offset 7 starts an overlong encoding",
      "E080AF|byte 0xE0 at offset 7 starts an overlong encoding",
      "F08080AF|byte 0xF0 at offset 7 starts an overlong encoding",
      "EDA080|byte 0xED at offset 7 starts a surrogate, which UTF-8 cannot encode",
      "F4908080|byte 0xF4 at offset 7 starts a code point past U+10FFFF",
      "F5808080|byte 0xF5 at offset 7 starts a byte UTF-8 never uses",
      "FF|byte 0xFF at offset 7 starts a byte UTF-8 never uses",
      "80|byte 0x80 at offset 7 starts a continuation byte without a lead",
      "C3|byte 0xC3 at offset 7 starts a lead byte without its continuation",
      "E282|byte 0xE2 at offset 7 starts a lead byte without its continuation",
      "F09F98|byte 0xF0 at offset 7 starts a lead byte without its continuation",
  })
  void invalidUtf8IsNamedByItsByteAndOffset(String hex, String problem) {
    assertEquals(Optional.of("body is not valid UTF-8: " + problem), scanWithBytes(hex).invalidUtf8());
  }

  @Test
  void aSequenceCutOffByTheEndIsNamed() {
    assertEquals(Optional.of("body is not valid UTF-8: byte 0xE2 at offset 1 starts a sequence cut off by the end of the body"),
        BodyScan.of(new byte[] {'"', (byte) 0xE2, (byte) 0x82}).invalidUtf8());
  }

  @Test
  void theLargestOfEachLengthIsValid() {
    for (String hex : new String[] {"7F", "C280", "DFBF", "E0A080", "ED9FBF", "EE8080", "EFBFBD", "F0908080", "F48FBFBF"}) {
      assertEquals(Optional.empty(), scanWithBytes(hex).invalidUtf8(), hex);
    }
  }

  /**
   * The scan's meaning, a byte at a time, as it was written before the scan learnt to skip eight bytes
   * that cannot change anything: the fast scan must agree with it on every input.
   */
  private static BodyScan byteByByte(byte[] bytes) {
    boolean unsafeText = false;
    boolean longNumbers = false;
    boolean inString = false;
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b >= 0) {
        if (inString) {
          if (b == '"') {
            inString = false;
          } else if (b == '\\' && i + 1 < bytes.length) {
            if (bytes[i + 1] == 'u' && i + 2 < bytes.length) {
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
      if (length == 0 || i + length > bytes.length) {
        return new BodyScan(Optional.of("offset " + i), true, true);
      }
      int second = bytes[i + 1] & 0xFF;
      int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
      int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
      if (second < low || second > high) {
        return new BodyScan(Optional.of("offset " + i), true, true);
      }
      for (int k = 2; k < length; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return new BodyScan(Optional.of("offset " + i), true, true);
        }
      }
      unsafeText |= lead == 0xED || lead == 0xEF;
      i += length - 1;
    }
    return new BodyScan(Optional.empty(), unsafeText, longNumbers);
  }

  @Test
  void theEightByteScanAgreesWithTheByteByByteReadingOnEveryKindOfInput() {
    // the bytes that matter, each in several runs, among plain letters and digits
    String[] pieces = {"\"", "\\", "\\u", "\\uD8", "\\uf", "e", "E", "1", "9e", "2E5", "a", "bcdefgh", "0123456789",
        "\u00e9", "\uFFFF", "\uD55C", "\uD83D\uDE00", " ", ":", ",", "{", "}",
        // each a byte one above a byte that matters, which an inexact match takes for it; and literals with an e
        "#", "]", "d", "D", "true", "false", "\"\"", "1.5e-3"};
    byte[][] raw = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE}};
    java.util.Random random = new java.util.Random(32);
    for (int round = 0; round < 20_000; round++) {
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      int parts = random.nextInt(40);
      for (int p = 0; p < parts; p++) {
        if (random.nextInt(25) == 0) {
          body.writeBytes(raw[random.nextInt(raw.length)]);
        } else {
          body.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] bytes = body.toByteArray();
      BodyScan expected = byteByByte(bytes);
      BodyScan actual = BodyScan.of(bytes);
      String what = HexFormat.of().formatHex(bytes);
      assertEquals(expected.invalidUtf8().isPresent(), actual.invalidUtf8().isPresent(), what);
      if (expected.invalidUtf8().isEmpty()) {
        assertEquals(expected, actual, what);
      } else {
        assertTrue(actual.invalidUtf8().get().contains(expected.invalidUtf8().get().replace("offset", "at offset")), what
            + ": " + actual.invalidUtf8().get());
      }
    }
  }
}
