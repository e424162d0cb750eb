package dev.verodestination.deliver.vero;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verodestination.json.Json;
import dev.verodestination.segment.AnonymousUsers;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What this project adds to Segment's mapping: phone, push channels, locale and timezone, users before sign-up. */
class VeroProfileTest {

  private static List<String> map(String message, AnonymousUsers anonymousUsers) throws Exception {
    VeroMapping.Result result = VeroMapping.map(Json.MAPPER.readTree(message), MappingRules.SEGMENT.with(anonymousUsers));
    if (result instanceof VeroMapping.Unmappable unmappable) {
      return List.of("unmappable: " + unmappable.reason());
    }
    return ((VeroMapping.Requests) result).requests().stream()
        .map(r -> r.method() + " " + r.path() + " " + r.body()).toList();
  }

  private static List<String> map(String message) throws Exception {
    return map(message, AnonymousUsers.SKIP);
  }

  @Test
  void aMobileIdentifyCarriesItsPhonePushChannelTimezoneAndLocale() throws Exception {
    assertEquals(List.of("POST /users/track {\"id\":\"u\",\"email\":\"u@example.com\",\"phone_number\":\"+447700900123\","
            + "\"channels\":[{\"type\":\"push\",\"address\":\"apns-token\",\"platform\":\"ios\",\"device\":\"Ada's iPhone\"}],"
            + "\"data\":{\"email\":\"u@example.com\",\"phone\":\"+44 (7700) 900-123\",\"id\":\"u\",\"timezone\":\"Europe/London\","
            + "\"language\":\"en-GB\",\"locale\":\"en-GB\"}}"),
        map("{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"email\":\"u@example.com\",\"phone\":\"+44 (7700) 900-123\"},"
            + "\"context\":{\"device\":{\"token\":\"apns-token\",\"name\":\"Ada's iPhone\"},\"os\":{\"name\":\"iOS\"},"
            + "\"timezone\":\"Europe/London\",\"locale\":\"en-GB\"}}"));
  }

  @Test
  void anAndroidTokenWithoutADeviceNameIsAChannelAndTraitsKeepTheirOwnTimezoneAndLanguage() throws Exception {
    assertEquals(List.of("POST /users/track {\"id\":\"u\",\"channels\":[{\"type\":\"push\",\"address\":\"fcm\",\"platform\":\"android\"}],"
            + "\"data\":{\"timezone\":\"Asia/Tokyo\",\"language\":\"ja\",\"id\":\"u\",\"locale\":\"fr-FR\"}}"),
        map("{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"timezone\":\"Asia/Tokyo\",\"language\":\"ja\"},"
            + "\"context\":{\"device\":{\"token\":\"fcm\"},\"os\":{\"name\":\"Android\"},\"timezone\":\"Europe/Paris\",\"locale\":\"fr-FR\"}}"));
  }

  @Test
  void withoutThoseFieldsOrWithOnesVeroCannotUseTheIdentifyIsSegmentsOwn() throws Exception {
    String plain = "POST /users/track {\"id\":\"u\",\"data\":{\"phone\":\"55555\",\"id\":\"u\"}}";
    assertEquals(List.of(plain), map("{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"phone\":\"55555\"}}"),
        "a phone that is not an international number stays in data only");
    assertEquals(List.of(plain), map("{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"phone\":\"55555\"},"
        + "\"context\":{\"device\":{\"token\":\"t\"},\"os\":{\"name\":\"Linux\"}}}"), "a token with no push platform is no channel");
    assertEquals(List.of(plain), map("{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"phone\":\"55555\"},"
        + "\"context\":{\"os\":{\"name\":\"iOS\"}}}"), "no token, no channel");
  }

  @Test
  void byDefaultAnAnonymousVisitorIsNotForVero() throws Exception {
    assertEquals(List.of("unmappable: message has no userId: Vero identifies people by userId"),
        map("{\"type\":\"track\",\"anonymousId\":\"anon-1\",\"event\":\"Viewed Pricing\"}"));
  }

  @Test
  void withAnonymousUsersTrackedTheAnonymousIdIsTheProfileAndItsEmailComesAlong() throws Exception {
    assertEquals(List.of("POST /users/track {\"id\":\"anon-1\",\"email\":\"visitor@example.com\",\"data\":{\"email\":\"visitor@example.com\","
            + "\"id\":\"anon-1\"}}"),
        map("{\"type\":\"identify\",\"anonymousId\":\"anon-1\",\"traits\":{\"email\":\"visitor@example.com\"}}", AnonymousUsers.TRACK));
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"anon-1\",\"email\":\"visitor@example.com\"},\"event_name\":\"Viewed Pricing\","
            + "\"data\":{},\"extras\":{\"source\":\"segment\"}}"),
        map("{\"type\":\"track\",\"anonymousId\":\"anon-1\",\"event\":\"Viewed Pricing\",\"context\":{\"traits\":{\"email\":\"visitor@example.com\"}}}",
            AnonymousUsers.TRACK));
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"known\"},\"event_name\":\"E\",\"data\":{},\"extras\":{\"source\":\"segment\"}}"),
        map("{\"type\":\"track\",\"userId\":\"known\",\"anonymousId\":\"anon-1\",\"event\":\"E\"}", AnonymousUsers.TRACK),
        "a known user is still known by the userId");
  }

  @Test
  void anAliasFromTheAnonymousIdToTheUserIdMergesTheProfile() throws Exception {
    JsonNode alias = Json.MAPPER.readTree("{\"type\":\"alias\",\"previousId\":\"anon-1\",\"userId\":\"user-7\",\"anonymousId\":\"anon-1\"}");
    for (AnonymousUsers setting : AnonymousUsers.values()) {
      VeroRequest request = ((VeroMapping.Requests) VeroMapping.map(alias, MappingRules.SEGMENT.with(setting))).requests().get(0);
      assertEquals("PUT /users/reidentify {\"id\":\"anon-1\",\"new_id\":\"user-7\"}",
          request.method() + " " + request.path() + " " + request.body(), setting.toString());
    }
  }
}
