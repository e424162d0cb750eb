package dev.verodestination.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** JSON equality as a reader sees it: key order ignored, 1388534400 equal whether int or long. */
public final class JsonAssert {

  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private JsonAssert() {}

  public static void assertJsonEquals(JsonNode expected, JsonNode actual) {
    assertTrue(expected.equals(NUMBERS_BY_VALUE, actual), () -> "expected: " + expected + "\n but was: " + actual);
  }
}
