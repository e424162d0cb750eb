package dev.verodestination.ingest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.json.Json;
import dev.verodestination.rules.FieldPath;
import dev.verodestination.segment.MessageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationRulesTest {

  private static final String ISSUE_EXAMPLE = "{\"events\": {\"allow\": [\"Order *\", \"Signed Up\"], \"deny\": [\"Debug *\"],"
      + " \"rename\": {\"Signed Up\": \"signup\"}}, \"drop\": [\"properties.ssn\", \"traits.password\", \"context.ip\"],"
      + " \"consent\": {\"categories\": [\"Marketing\"], \"whenMissing\": \"send\"}}";

  private static ObjectNode message(String json) {
    return (ObjectNode) Json.treeOrMissing(json);
  }

  private static Optional<String> skip(String rules, String message) {
    ObjectNode node = message(message);
    return DestinationRules.parse(rules).skipReason(node, MessageType.fromWireName(node.get("type").textValue()).orElseThrow())
        .map(SkipReason::text);
  }

  private static String reshaped(String rules, String message) {
    ObjectNode node = message(message);
    DestinationRules.parse(rules).reshape(node, MessageType.fromWireName(node.get("type").textValue()).orElseThrow());
    return Json.string(node);
  }

  @Test
  void theDocumentedExampleReadsAsWritten() {
    DestinationRules rules = DestinationRules.parse(ISSUE_EXAMPLE);
    assertEquals(List.of("Order *", "Signed Up"), rules.events().allow().stream().map(EventNamePattern::pattern).toList());
    assertEquals(List.of("Debug *"), rules.events().deny().stream().map(EventNamePattern::pattern).toList());
    assertEquals(Map.of("Signed Up", "signup"), rules.events().rename());
    assertEquals(List.of("properties.ssn", "traits.password", "context.ip"), rules.drop().stream().map(FieldPath::path).toList());
    assertEquals(Optional.of(new ConsentRule(List.of("Marketing"), ConsentRule.WhenMissing.SEND)), rules.consent());
  }

  @Test
  void everyPartIsOptional() {
    assertTrue(DestinationRules.parse("{}").isEmpty());
    assertTrue(DestinationRules.parse("{\"events\":{}}").isEmpty());
    assertEquals(ConsentRule.WhenMissing.SEND,
        DestinationRules.parse("{\"consent\":{\"categories\":[\"Ads\"]}}").consent().orElseThrow().whenMissing());
    assertSame(DestinationRules.NONE, DestinationRules.from(new Settings(Map.of())));
    assertSame(DestinationRules.NONE, DestinationRules.from(new Settings(Map.of("DESTINATION_RULES", "  "))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "[]|the rules must be a JSON object (got an array)",
      "{\"events\":{\"deny\":\"Debug *\"}}|events.deny: must be a list of names (got a string)",
      "{\"events\":{\"allow\":{}}}|events.allow: must be a list of names (got an object)",
      "{\"events\":{\"allow\":[]}}|events.allow: must name at least one pattern (to send no track events, deny \"*\")",
      "{\"events\":{\"deny\":[\"ok\",\"\"]}}|events.deny[1]: must not be empty",
      "{\"events\":{\"deny\":[\"  \"]}}|events.deny[0]: must not be empty",
      "{\"events\":{\"allow\":[\"a\",7]}}|events.allow[1]: must be a string (got a number)",
      "{\"events\":{\"allowed\":[\"a\"]}}|events: unknown key \"allowed\"; expected allow, deny, rename, keepRepeats",
      "{\"events\":[\"a\"]}|events: must be an object with allow, deny, rename or keepRepeats (got an array)",
      "{\"events\":{\"rename\":[\"a\"]}}|events.rename: must be an object of event name to new name (got an array)",
      "{\"events\":{\"rename\":{\"Signed Up\":\"\"}}}|events.rename.\"Signed Up\": must be the new name, a non-empty string (got \"\")",
      "{\"events\":{\"rename\":{\"Signed Up\":1}}}|events.rename.\"Signed Up\": must be the new name, a non-empty string (got a number)",
      "{\"events\":{\"rename\":{\"\":\"x\"}}}|events.rename: an event name to rename must not be empty",
      "{\"events\":{\"rename\":{\"Order *\":\"order\"}}}|events.rename.\"Order *\": names to rename are exact; * is a pattern only in events.allow and events.deny",
      "{\"drop\":\"context.ip\"}|drop: must be a list of dotted field paths (got a string)",
      "{\"drop\":[\"properties..ssn\"]}|drop[0]: \"properties..ssn\" has an empty name between dots",
      "{\"drop\":[\"context.ip\",\".ip\"]}|drop[1]: \".ip\" has an empty name between dots",
      "{\"drop\":[\"traits.\"]}|drop[0]: \"traits.\" has an empty name between dots",
      "{\"drop\":[\"userId\"]}|drop[0]: \"userId\" cannot be dropped: messages are routed and delivered by it",
      "{\"drop\":[\"event\"]}|drop[0]: \"event\" cannot be dropped: messages are routed and delivered by it",
      "{\"drop\":[null]}|drop[0]: must be a string (got null)",
      "{\"consent\":true}|consent: must be an object with categories and whenMissing (got a boolean)",
      "{\"consent\":{}}|consent.categories: must name at least one consent category",
      "{\"consent\":{\"categories\":[]}}|consent.categories: must name at least one consent category",
      "{\"consent\":{\"categories\":\"Marketing\"}}|consent.categories: must be a list of category names (got a string)",
      "{\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":\"drop\"}}|consent.whenMissing: must be send or skip (got \"drop\")",
      "{\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":false}}|consent.whenMissing: must be send or skip (got a boolean)",
      "{\"consent\":{\"categories\":[\"Marketing\"],\"when_missing\":\"skip\"}}|consent: unknown key \"when_missing\"; expected categories, whenMissing",
      "{\"identity\":{\"emailOnly\":\"yes\"}}|identity.emailOnly: must be skip or id (got \"yes\")",
      "{\"identity\":{\"id\":[\"traits.\"]}}|identity.id[0]: \"traits.\" has an empty name between dots",
      "{\"dorp\":[\"context.ip\"]}|unknown key \"dorp\"; expected events, drop, consent, identity, audiences, products",
      "{\"drop\":[\"a\"],\"drop\":[\"b\"]}|the rules are not valid JSON: Duplicate field 'drop' (line 1, column 21)",
      "{\"drop\":[\"a\"]|the rules are not valid JSON: Unexpected end-of-input: expected close marker for Object (line 1, column 14)",
  })
  void aMistakeRefusesToStartNamingTheRulesPath(String rules, String problem) {
    InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> DestinationRules.parse(rules));
    assertEquals("setting DESTINATION_RULES: " + problem, e.getMessage());
  }

  @Test
  void theSettingIsTheJsonItselfOrAFilesPath(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("rules.json");
    Files.writeString(file, "{\n  \"drop\": [\"context.ip\"]\n}\n");
    assertEquals(List.of(FieldPath.of("context.ip")),
        DestinationRules.from(new Settings(Map.of("DESTINATION_RULES", file.toString()))).drop());
    assertEquals(List.of(FieldPath.of("traits.password")),
        DestinationRules.from(new Settings(Map.of("DESTINATION_RULES", " {\"drop\":[\"traits.password\"]} "))).drop());

    InvalidSettingException missing = assertThrows(InvalidSettingException.class,
        () -> DestinationRules.from(new Settings(Map.of("DESTINATION_RULES", folder.resolve("nope.json").toString()))));
    assertEquals("setting DESTINATION_RULES must be the rules' JSON or the path of a file holding it; cannot read the file "
        + folder.resolve("nope.json") + " (NoSuchFileException)", missing.getMessage());
    Files.writeString(file, "{\"drop\":[\"\"]}");
    InvalidSettingException inFile = assertThrows(InvalidSettingException.class,
        () -> DestinationRules.from(new Settings(Map.of("DESTINATION_RULES", file.toString()))));
    assertEquals("setting DESTINATION_RULES: drop[0]: must not be empty", inFile.getMessage());
  }

  @Test
  void denyWinsOverAllowAndAnAllowListLetsOnlyItsEventsPass() {
    String rules = "{\"events\":{\"allow\":[\"Order *\",\"Signed Up\"],\"deny\":[\"Order Refunded\",\"Debug *\"]}}";
    assertEquals(Optional.empty(), skip(rules, "{\"type\":\"track\",\"event\":\"Order Completed\"}"));
    assertEquals(Optional.empty(), skip(rules, "{\"type\":\"track\",\"event\":\"Signed Up\"}"));
    assertEquals(Optional.of("filtered: the event matches events.deny \"Order Refunded\""),
        skip(rules, "{\"type\":\"track\",\"event\":\"Order Refunded\"}"));
    assertEquals(Optional.of("filtered: the event matches events.deny \"Debug *\""),
        skip(rules, "{\"type\":\"track\",\"event\":\"Debug Order Completed\"}"));
    assertEquals(Optional.of("filtered: the event matches no events.allow pattern"),
        skip(rules, "{\"type\":\"track\",\"event\":\"Viewed Pricing\"}"));
    assertEquals(Optional.empty(), skip("{\"events\":{\"deny\":[\"Debug *\"]}}", "{\"type\":\"track\",\"event\":\"Viewed Pricing\"}"),
        "without an allow list every event not denied passes");
  }

  @Test
  void eventRulesConcernTrackEventsOnly() {
    String rules = "{\"events\":{\"allow\":[\"Signed Up\"],\"deny\":[\"*\"]}}";
    for (String other : List.of("{\"type\":\"identify\",\"traits\":{}}", "{\"type\":\"page\",\"name\":\"Signed Up\"}",
        "{\"type\":\"screen\",\"name\":\"Home\"}", "{\"type\":\"group\",\"groupId\":\"g\"}", "{\"type\":\"alias\",\"previousId\":\"a\"}")) {
      assertEquals(Optional.empty(), skip(rules, other), other);
    }
  }

  @Test
  void renameGivesVeroTheNewNameAfterAllowAndDenySawTheNameAsSent() {
    String rules = "{\"events\":{\"allow\":[\"Signed Up\"],\"deny\":[\"signup\"],\"rename\":{\"Signed Up\":\"signup\"}}}";
    String message = "{\"type\":\"track\",\"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\"}}";
    assertEquals(Optional.empty(), skip(rules, message));
    assertEquals("{\"type\":\"track\",\"event\":\"signup\",\"properties\":{\"plan\":\"pro\"}}", reshaped(rules, message));
    assertEquals("{\"type\":\"track\",\"event\":\"Signed up\"}", reshaped(rules, "{\"type\":\"track\",\"event\":\"Signed up\"}"),
        "names are exact, case included");
    assertEquals("{\"type\":\"page\",\"name\":\"Signed Up\"}", reshaped(rules, "{\"type\":\"page\",\"name\":\"Signed Up\"}"));
  }

  @Test
  void dropRemovesNestedPathsThroughListsAndLeavesAbsentPathsAlone() {
    String rules = "{\"drop\":[\"properties.ssn\",\"properties.address.street\",\"properties.products.sku\",\"context.ip\","
        + "\"traits.password\",\"properties.missing.deeper\",\"context.ip.nothing\"]}";
    assertEquals("{\"type\":\"track\",\"event\":\"E\",\"properties\":{\"address\":{\"city\":\"Oslo\"},"
            + "\"products\":[{\"price\":1},{\"price\":2},\"not an object\",[{\"name\":\"nested list\"}]],\"ssn_note\":\"kept\"},"
            + "\"context\":{\"locale\":\"nb-NO\"}}",
        reshaped(rules, "{\"type\":\"track\",\"event\":\"E\",\"properties\":{\"ssn\":\"123-45-6789\",\"address\":{\"street\":\"Storgata 1\","
            + "\"city\":\"Oslo\"},\"products\":[{\"sku\":\"a\",\"price\":1},{\"sku\":\"b\",\"price\":2},\"not an object\","
            + "[{\"sku\":\"c\",\"name\":\"nested list\"}]],\"ssn_note\":\"kept\"},\"context\":{\"ip\":\"203.0.113.7\",\"locale\":\"nb-NO\"}}"));
    assertEquals("{\"type\":\"identify\",\"traits\":{\"email\":\"a@example.com\"}}",
        reshaped(rules, "{\"type\":\"identify\",\"traits\":{\"email\":\"a@example.com\",\"password\":\"hunter2\"}}"));
    assertEquals("{\"type\":\"identify\",\"traits\":\"not an object\",\"context\":null}",
        reshaped(rules, "{\"type\":\"identify\",\"traits\":\"not an object\",\"context\":null}"));
    assertEquals("{\"type\":\"track\",\"event\":\"E\",\"properties\":{}}",
        reshaped("{\"drop\":[\"properties.ssn\",\"properties.ssn\"]}", "{\"type\":\"track\",\"event\":\"E\",\"properties\":{\"ssn\":{\"a\":1}}}"),
        "a whole object goes, and a path named twice does no harm");
  }

  @Test
  void consentNeedsEveryListedCategoryTrue() {
    String rules = "{\"consent\":{\"categories\":[\"Marketing\",\"Analytics\"]}}";
    String granted = "{\"type\":\"identify\",\"context\":{\"consent\":{\"categoryPreferences\":{\"Marketing\":true,\"Analytics\":true,\"Ads\":false}}}}";
    assertEquals(Optional.empty(), skip(rules, granted));
    assertEquals(Optional.of("no-consent: consent category \"Analytics\" is not true in context.consent.categoryPreferences"),
        skip(rules, "{\"type\":\"track\",\"event\":\"E\",\"context\":{\"consent\":{\"categoryPreferences\":{\"Marketing\":true,\"Analytics\":false}}}}"));
    assertEquals(Optional.of("no-consent: consent category \"Marketing\" is not true in context.consent.categoryPreferences"),
        skip(rules, "{\"type\":\"track\",\"event\":\"E\",\"context\":{\"consent\":{\"categoryPreferences\":{\"Analytics\":true}}}}"),
        "a category not listed is not granted");
    assertEquals(Optional.of("no-consent: consent category \"Marketing\" is not true in context.consent.categoryPreferences"),
        skip(rules, "{\"type\":\"track\",\"event\":\"E\",\"context\":{\"consent\":{\"categoryPreferences\":{\"Marketing\":\"true\",\"Analytics\":true}}}}"),
        "only a JSON true grants");
    assertEquals(Optional.of("no-consent: context.consent.categoryPreferences is an array, not an object: consent that cannot be read "
            + "grants nothing"),
        skip(rules, "{\"type\":\"track\",\"event\":\"E\",\"context\":{\"consent\":{\"categoryPreferences\":[\"Marketing\"]}}}"),
        "preferences that are not a map grant nothing");
  }

  @Test
  void aMessageWithoutPreferencesFollowsWhenMissing() {
    String without = "{\"type\":\"track\",\"event\":\"E\",\"context\":{\"consent\":{}}}";
    assertEquals(Optional.empty(), skip("{\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":\"send\"}}", without));
    assertEquals(Optional.empty(), skip("{\"consent\":{\"categories\":[\"Marketing\"]}}", "{\"type\":\"track\",\"event\":\"E\"}"));
    String skipMissing = "{\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":\"skip\"}}";
    String reason = "no-consent: the message has no context.consent.categoryPreferences and consent.whenMissing is skip";
    assertEquals(Optional.of(reason), skip(skipMissing, without));
  }

  @Test
  void malformedConsentGrantsNothingWhateverItsShapeAndWhateverWhenMissingSays() {
    // issue #29, finding 7: consent null was sent as missing under whenMissing send, a string skipped as not true
    for (String whenMissing : List.of("send", "skip")) {
      String rules = "{\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":\"" + whenMissing + "\"}}";
      assertEquals(Optional.of("no-consent: context.consent is null, not an object: consent that cannot be read grants nothing"),
          skip(rules, "{\"type\":\"track\",\"event\":\"E\",\"context\":{\"consent\":null}}"), whenMissing);
      assertEquals(Optional.of("no-consent: context.consent.categoryPreferences is null, not an object: consent that cannot be read "
          + "grants nothing"), skip(rules, "{\"type\":\"track\",\"event\":\"E\",\"context\":{\"consent\":{\"categoryPreferences\":null}}}"));
      assertEquals(Optional.of("no-consent: context.consent.categoryPreferences is a string, not an object: consent that cannot be "
          + "read grants nothing"), skip(rules, "{\"type\":\"track\",\"event\":\"E\",\"context\":{\"consent\":{\"categoryPreferences\":\"x\"}}}"));
      assertEquals(Optional.of("no-consent: context is a string, not an object: consent that cannot be read grants nothing"),
          skip(rules, "{\"type\":\"page\",\"context\":\"odd\"}"));
    }
  }

  @Test
  void aDeletionRequestPassesEveryRule() {
    String strict = "{\"events\":{\"allow\":[\"Nothing\"],\"deny\":[\"*\"]},\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":\"skip\"}}";
    assertEquals(Optional.empty(), skip(strict, "{\"type\":\"delete\",\"userId\":\"gone-1\"}"));
  }

  @Test
  void theEventRulesAreCheckedBeforeConsent() {
    String both = "{\"events\":{\"deny\":[\"Debug *\"]},\"consent\":{\"categories\":[\"Marketing\"],\"whenMissing\":\"skip\"}}";
    assertEquals(Optional.of("filtered: the event matches events.deny \"Debug *\""), skip(both, "{\"type\":\"track\",\"event\":\"Debug X\"}"));
  }

  @Test
  void longPatternsAndDropListsAreShortenedInTheSummaryAndInReasons() {
    String longName = "Debug " + "x".repeat(5_000);
    StringBuilder paths = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      paths.append(i == 0 ? "" : ",").append("\"properties.field").append(i).append("\"");
    }
    DestinationRules rules = DestinationRules.parse("{\"events\":{\"deny\":[\"" + longName + "*\"]},\"drop\":[" + paths + "]}");
    assertEquals("events.allow 0, events.deny 1, events.rename 0, drop [properties.field0, properties.field1, properties.field2, "
        + "properties.field3, properties.field4, … 9995 more], consent none", rules.summary());
    assertEquals(Optional.of("filtered: the event matches events.deny \"Debug xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\""),
        rules.skipReason(message("{\"type\":\"track\",\"event\":\"" + longName + "!\"}"), MessageType.TRACK).map(SkipReason::text));
  }

  @Test
  void aRulesDocumentOverTheLimitIsRefusedNamingItsSize(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
    java.nio.file.Path file = folder.resolve("rules.json");
    java.nio.file.Files.writeString(file, "{\"drop\":[\"" + "a".repeat(2 * 1024 * 1024) + "\"]}");
    InvalidSettingException refused = assertThrows(InvalidSettingException.class,
        () -> DestinationRules.from(new Settings(Map.of("DESTINATION_RULES", file.toString()))));
    assertEquals("setting DESTINATION_RULES: the rules are 2,097,165 bytes; the limit is 1,048,576 (1 MB)", refused.getMessage());
  }

  @Test
  void theSummaryNamesWhatIsInForceAndNoValues() {
    assertEquals("none", DestinationRules.NONE.summary());
    assertEquals("events.allow 2, events.deny 1, events.rename 1, drop [properties.ssn, traits.password, context.ip], "
        + "consent [Marketing] (whenMissing send)", DestinationRules.parse(ISSUE_EXAMPLE).summary());
  }
}
