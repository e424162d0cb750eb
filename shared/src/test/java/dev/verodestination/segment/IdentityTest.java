package dev.verodestination.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verodestination.json.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityTest {

  private static Optional<String> id(String json) throws Exception {
    return Identity.idText(Json.MAPPER.readTree(json));
  }

  @Test
  void numbersBecomeTheirPlainDigits() throws Exception {
    assertEquals(Optional.of("5150"), id("5150"));
    assertEquals(Optional.of("-7"), id("-7"));
    assertEquals(Optional.of("9223372036854775807"), id("9223372036854775807"));
    assertEquals(Optional.of("92233720368547758070"), id("92233720368547758070"));
    assertEquals(Optional.of("5150"), id("5150.0"));
    assertEquals(Optional.of("1000"), id("1e3"));
    assertEquals(Optional.of("1.5"), id("1.5"));
  }

  @Test
  void aNumberTooLongToWriteBlankTextAndOtherTypesAreNoId() throws Exception {
    assertEquals(Optional.empty(), id("1e999999999"));
    assertEquals(Optional.empty(), id("\" \""));
    assertEquals(Optional.empty(), id("true"));
    assertEquals(Optional.of(" a "), id("\" a \""), "text is kept as sent");
  }
}
