package dev.verodestination.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqsTextTest {

  @Test
  void theCharacterScanFindsWhatSqsRefusesAndPassesPairs() {
    assertEquals(-1, SqsText.firstUnsafe("plain \t text \uD83D\uDE00 é 한"));
    assertEquals(1, SqsText.firstUnsafe("a\uFFFF"));
    assertEquals(1, SqsText.firstUnsafe("a\uD800b"));
    assertEquals(0, SqsText.firstUnsafe("\u0000"));
  }
}
