package dev.verodestination.deliver.vero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the fixtures do not cover: screen, resubscribe, commands vs. reports, page url, nulls, ids. */
class VeroMappingTest {

  private static List<String> map(String message) throws Exception {
    JsonNode node = Json.MAPPER.readTree(message);
    VeroMapping.Result result = VeroMapping.map(node);
    return assertInstanceOf(VeroMapping.Requests.class, result, result.toString()).requests().stream()
        .map(r -> r.method() + " " + r.path() + " " + r.body()).toList();
  }

  @Test
  void screenBecomesAViewedScreenEvent() throws Exception {
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"u\"},\"event_name\":\"Viewed Checkout Screen\","
        + "\"data\":{\"step\":2},\"extras\":{\"source\":\"segment\",\"created_at\":1388534400}}"),
        map("{\"type\":\"screen\",\"userId\":\"u\",\"name\":\"Checkout\",\"properties\":{\"step\":2},\"timestamp\":\"2014-01-01T00:00:00Z\"}"));
  }

  @Test
  void resubscribeIsACommandAndTakesPropertiesIdFirst() throws Exception {
    assertEquals(List.of("POST /users/resubscribe {\"id\":\"other\",\"extras\":{\"source\":\"segment\"}}"),
        map("{\"type\":\"track\",\"userId\":\"u\",\"event\":\" Resubscribed \",\"properties\":{\"id\":\"other\"}}"));
  }

  @Test
  void aDeletionRequestDeletesTheUserAndNothingElseNotEvenATagEdit() throws Exception {
    assertEquals(List.of("POST /users/delete {\"id\":\"gone-42\"}"),
        map("{\"type\":\"delete\",\"userId\":\"gone-42\",\"messageId\":\"del-1\",\"context\":{\"traits\":{\"email\":\"g@example.com\"}},"
            + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"x\"]}}}}"));
    assertEquals(List.of("POST /users/delete {\"id\":\"7\"}"), map("{\"type\":\"delete\",\"userId\":7}"));
    assertEquals(List.of("POST /users/delete {\"id\":\"u\"}"), map("{\"type\":\"delete\",\"userId\":\"u\","
        + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"bogus\"}}}}"), "a bad tags option never stops a deletion");
    assertEquals(new VeroMapping.Unmappable("delete requires \"userId\""),
        VeroMapping.map(Json.MAPPER.readTree("{\"type\":\"delete\",\"anonymousId\":\"a-1\"}"),
            MappingRules.SEGMENT.with(dev.verodestination.segment.AnonymousUsers.TRACK)), "an anonymousId names no profile to delete");
  }

  @Test
  void emailUnsubscribedIsAnOrdinaryEventNotACommand() throws Exception {
    // Deliberate: Vero's own "Email Unsubscribed" report, passed back through Segment, must not
    // turn into an unsubscribe call (the original integration matched on the name containing it).
    List<String> requests = map("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Email Unsubscribed\"}");
    assertEquals(1, requests.size());
    assertEquals(true, requests.get(0).startsWith("POST /events/track {"), requests.get(0));
  }

  @Test
  void pageTakesItsUrlFromContextWhenPropertiesHaveNone() throws Exception {
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"u\",\"email\":\"u@example.com\"},"
        + "\"event_name\":\"viewed_page\",\"data\":{\"title\":\"Pricing\",\"url\":\"https://example.com/pricing\",\"userAgent\":\"UA/1\"},"
        + "\"extras\":{\"source\":\"segment\"}}"),
        map("{\"type\":\"page\",\"userId\":\"u\",\"properties\":{\"title\":\"Pricing\"},\"context\":{\"userAgent\":\"UA/1\","
            + "\"traits\":{\"email\":\"u@example.com\"},\"page\":{\"url\":\"https://example.com/pricing\"}}}"));
  }

  @Test
  void identifyUsesAnEmailShapedUserIdAsEmailAndDropsAbsentFields() throws Exception {
    assertEquals(List.of("POST /users/track {\"id\":\"ada@example.com\",\"email\":\"ada@example.com\","
        + "\"data\":{\"id\":\"ada@example.com\"}}"), map("{\"type\":\"identify\",\"userId\":\"ada@example.com\",\"traits\":null}"));
    assertEquals(List.of("POST /users/track {\"id\":\"42\",\"data\":{\"id\":\"42\"}}"),
        map("{\"type\":\"identify\",\"userId\":42}"));
  }

  @Test
  void groupCarriesTheGroupIdInsideTheGroupTraits() throws Exception {
    assertEquals(List.of("PUT /users/edit {\"id\":\"u\",\"email\":\"u@example.com\","
        + "\"changes\":{\"group\":{\"name\":\"Acme\",\"id\":\"acme\"}}}"),
        map("{\"type\":\"group\",\"userId\":\"u\",\"groupId\":\"acme\",\"traits\":{\"name\":\"Acme\",\"email\":\"u@example.com\"}}"));
  }

  @Test
  void aliasWithoutPreviousIdOrTagsWithANonStringIdCannotBeMapped() throws Exception {
    assertEquals(new VeroMapping.Unmappable("alias requires \"previousId\""),
        VeroMapping.map(Json.MAPPER.readTree("{\"type\":\"alias\",\"userId\":\"u\"}")));
    assertEquals(new VeroMapping.Unmappable(VeroTags.BAD_ID), VeroMapping.map(Json.MAPPER.readTree(
        "{\"type\":\"identify\",\"userId\":\"u\",\"integrations\":{\"Vero\":{\"tags\":{\"id\":[1],\"action\":\"add\",\"values\":[\"a\"]}}}}")));
  }

  @Test
  void aHugeExponentAsATagsIdOrAnUnsubscribeIdIsAPermanentFailureWithAReason() throws Exception {
    // issue #11, defect 1: these poisoned delivery ("failed unexpectedly", no backoff, then the DLQ with no reason)
    assertEquals(new VeroMapping.Unmappable(VeroTags.BAD_ID), VeroMapping.map(Json.MAPPER.readTree(
        "{\"type\":\"identify\",\"userId\":\"u\",\"integrations\":{\"Vero\":{\"tags\":{\"id\":1e999999999,\"action\":\"add\",\"values\":[\"a\"]}}}}")));
    assertEquals(new VeroMapping.Unmappable("\"properties.id\" is a number whose digits would be longer than an id can be (255 characters)"),
        VeroMapping.map(Json.MAPPER.readTree("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"unsubscribe\",\"properties\":{\"id\":1e99999999}}")));
  }
}
