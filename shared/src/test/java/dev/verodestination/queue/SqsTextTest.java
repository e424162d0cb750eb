package dev.verodestination.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SqsTextTest {

  private static boolean mayHold(String json) {
    return SqsText.mayHoldUnsafe(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theRawScanClearsOrdinaryTextAndFlagsEveryWayAnUnsafeCharacterCanBeWritten() {
    assertFalse(mayHold("{\"event\":\"Café \\u00e9 \\n\",\"n\":1.5,\"emoji\":\"\uD83D\uDE00\"}"), "accents, escapes, a pair");
    assertTrue(mayHold("{\"event\":\"a\\uFFFF\"}"), "an escaped U+FFFF");
    assertTrue(mayHold("{\"event\":\"a\\ufffe\"}"), "lower case");
    assertTrue(mayHold("{\"name\":\"\\uD800x\"}"), "half a pair, escaped");
    assertTrue(mayHold("{\"event\":\"a\uFFFF\"}"), "a raw U+FFFF: EF BF BF");
    assertTrue(mayHold("{\"k\uFFFEy\":1}"), "in a key");
    assertTrue(mayHold("{\"name\":\"한국\"}"), "Hangul shares the lead byte: a closer look, not a refusal");
  }

  @Test
  void theCharacterScanFindsWhatSqsRefusesAndPassesPairs() {
    assertEquals(-1, SqsText.firstUnsafe("plain \t text \uD83D\uDE00 é 한"));
    assertEquals(1, SqsText.firstUnsafe("a\uFFFF"));
    assertEquals(1, SqsText.firstUnsafe("a\uD800b"));
    assertEquals(0, SqsText.firstUnsafe("\u0000"));
  }
}
