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
}
