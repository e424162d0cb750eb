package dev.verodestination.deliver.vero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.json.Json;
import dev.verodestination.segment.AnonymousUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The team's own mapping: each section's exact Vero calls, their combinations, and each refusal. */
class MappingRulesTest {

  private static final String EXTRAS = "\"extras\":{\"source\":\"segment\",\"created_at\":1388534400}";

  private static List<String> map(String rules, String message) throws Exception {
    return map(MappingRules.parse(rules), message);
  }

  private static List<String> map(MappingRules rules, String message) throws Exception {
    VeroMapping.Result result = VeroMapping.map(Json.MAPPER.readTree(message), rules);
    if (result instanceof VeroMapping.Unmappable unmappable) {
      return List.of("unmappable: " + unmappable.reason());
    }
    return ((VeroMapping.Requests) result).requests().stream().map(r -> r.method() + " " + r.path() + " " + r.body()).toList();
  }

  @Test
  void anEmailOnlyLeadIsTheLowerCasedEmailAsIdAndEmail() throws Exception {
    String rules = "{\"identity\":{\"emailOnly\":\"id\"}}";
    assertEquals(List.of("POST /users/track {\"id\":\"lead@example.com\",\"email\":\"Lead@Example.com\","
            + "\"data\":{\"email\":\"Lead@Example.com\",\"source\":\"newsletter\",\"id\":\"lead@example.com\"}}"),
        map(rules, "{\"type\":\"identify\",\"anonymousId\":\"a-1\",\"traits\":{\"email\":\"Lead@Example.com\",\"source\":\"newsletter\"}}"));
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"lead@example.com\",\"email\":\"Lead@Example.com\"},"
            + "\"event_name\":\"Downloaded Guide\",\"data\":{},\"extras\":{\"source\":\"segment\",\"created_at\":1388534400}}"),
        map(rules, "{\"type\":\"track\",\"anonymousId\":\"a-1\",\"event\":\"Downloaded Guide\",\"timestamp\":\"2014-01-01T00:00:00Z\","
            + "\"context\":{\"traits\":{\"email\":\"Lead@Example.com\"}}}"));
    assertEquals(List.of("unmappable: identity: no id at [userId], no email at [traits.email or context.traits.email]"),
        map(rules, "{\"type\":\"identify\",\"anonymousId\":\"a-1\",\"traits\":{\"email\":\"not an email\"}}"));
    assertEquals(List.of("unmappable: message has no userId: Vero identifies people by userId"),
        map("{}", "{\"type\":\"identify\",\"anonymousId\":\"a-1\",\"traits\":{\"email\":\"lead@example.com\"}}"), "skip is the default");
  }

  @Test
  void theLeadsAliasToTheirNewUserIdMergesTheProfileMadeFromTheEmail() throws Exception {
    assertEquals(List.of("PUT /users/reidentify {\"id\":\"lead@example.com\",\"new_id\":\"member-9\"}"),
        map("{\"identity\":{\"emailOnly\":\"id\"}}", "{\"type\":\"alias\",\"previousId\":\"Lead@Example.com\",\"userId\":\"member-9\"}"));
    assertEquals(List.of("PUT /users/reidentify {\"id\":\"Lead@Example.com\",\"new_id\":\"member-9\"}"),
        map("{}", "{\"type\":\"alias\",\"previousId\":\"Lead@Example.com\",\"userId\":\"member-9\"}"), "Segment's, as sent");
  }

  @Test
  void theIdComesFromTheFirstPathThatHoldsOneAndTheEmailFromTheTeamsPaths() throws Exception {
    String rules = "{\"identity\":{\"id\":[\"traits.member_id\",\"context.traits.member_id\",\"userId\"],"
        + "\"email\":[\"traits.contact.email\",\"context.traits.email\"]}}";
    assertEquals(List.of("POST /users/track {\"id\":\"4711\",\"email\":\"m@example.com\","
            + "\"data\":{\"member_id\":4711,\"contact\":{\"email\":\"m@example.com\"},\"id\":\"4711\"}}"),
        map(rules, "{\"type\":\"identify\",\"userId\":\"u-1\",\"traits\":{\"member_id\":4711,\"contact\":{\"email\":\"m@example.com\"}}}"));
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"M-1\",\"email\":\"c@example.com\"},\"event_name\":\"E\",\"data\":{},"
            + EXTRAS + "}"),
        map(rules, "{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"E\",\"timestamp\":\"2014-01-01T00:00:00Z\","
            + "\"context\":{\"traits\":{\"member_id\":\"M-1\",\"email\":\"c@example.com\"}}}"));
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"u-1\"},\"event_name\":\"E\",\"data\":{}," + EXTRAS + "}"),
        map(rules, "{\"type\":\"track\",\"userId\":\"u-1\",\"event\":\"E\",\"timestamp\":\"2014-01-01T00:00:00Z\","
            + "\"context\":{\"traits\":{\"member_id\":\" \"}}}"), "a blank id is no id: the next path's");
    assertEquals(List.of("PUT /users/edit {\"id\":\"u-1\",\"email\":\"c@example.com\",\"changes\":{\"group\":{\"name\":\"Acme\",\"id\":\"g\"}}}"),
        map(rules, "{\"type\":\"group\",\"userId\":\"u-1\",\"groupId\":\"g\",\"traits\":{\"name\":\"Acme\",\"email\":\"billing@acme.test\"},"
            + "\"context\":{\"traits\":{\"email\":\"c@example.com\"}}}"), "the person's email, not the group's");
    assertEquals(List.of("unmappable: delete requires an id at identity.id [traits.member_id, context.traits.member_id, userId]"),
        map(rules, "{\"type\":\"delete\",\"anonymousId\":\"a\"}"));
    assertEquals(List.of("unmappable: identity: no id at [traits.member_id, context.traits.member_id, userId] (identity.emailOnly is skip), no anonymousId"),
        map(MappingRules.parse(rules).with(AnonymousUsers.TRACK), "{\"type\":\"track\",\"event\":\"E\"}"));
  }

  @Test
  void anEngageAudienceOnAnIdentifyIsATagEditNotAnAttribute() throws Exception {
    String rules = "{\"audiences\":{\"tags\":true,\"tagPrefix\":\"segment-\"}}";
    String entered = "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"email\":\"u@example.com\",\"high_value\":true},"
        + "\"context\":{\"personas\":{\"computation_class\":\"audience\",\"computation_key\":\"high_value\",\"computation_id\":\"aud_1\"}}}";
    assertEquals(List.of("POST /users/track {\"id\":\"u\",\"email\":\"u@example.com\",\"data\":{\"email\":\"u@example.com\",\"id\":\"u\"}}",
        "PUT /users/tags/edit {\"id\":\"u\",\"add\":[\"segment-high_value\"]}"), map(rules, entered));
    assertEquals(List.of("POST /users/track {\"id\":\"u\",\"email\":\"u@example.com\",\"data\":{\"email\":\"u@example.com\",\"id\":\"u\"}}",
        "PUT /users/tags/edit {\"id\":\"u\",\"remove\":[\"segment-high_value\"]}"),
        map(rules, entered.replace("\"high_value\":true", "\"high_value\":false")));
    assertEquals(List.of("POST /users/track {\"id\":\"u\",\"email\":\"u@example.com\",\"data\":{\"email\":\"u@example.com\",\"high_value\":true,"
        + "\"id\":\"u\"}}"), map("{}", entered), "without the section, Segment's mapping: an attribute");
    assertEquals(List.of("POST /users/track {\"id\":\"u\",\"data\":{\"id\":\"u\"}}",
            "PUT /users/tags/edit {\"id\":\"u\",\"add\":[\"segment-step_2\"]}"),
        map(rules, "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"step_2\":true},"
            + "\"context\":{\"personas\":{\"computation_class\":\"journey_step\",\"computation_key\":\"step_2\"}}}"), "a journey step too");
  }

  @Test
  void audienceEnteredAndExitedTracksAreTheEventThenTheTagEdit() throws Exception {
    String rules = "{\"audiences\":{\"tags\":true}}";
    String track = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Audience Entered\",\"timestamp\":\"2014-01-01T00:00:00Z\","
        + "\"properties\":{\"audience_key\":\"cart_abandoners\",\"cart_abandoners\":true},"
        + "\"context\":{\"personas\":{\"computation_class\":\"audience\",\"computation_key\":\"cart_abandoners\"}}}";
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"u\"},\"event_name\":\"Audience Entered\","
            + "\"data\":{\"audience_key\":\"cart_abandoners\",\"cart_abandoners\":true}," + EXTRAS + "}",
        "PUT /users/tags/edit {\"id\":\"u\",\"add\":[\"cart_abandoners\"]}"), map(rules, track));
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"u\"},\"event_name\":\"Audience Exited\","
            + "\"data\":{\"audience_key\":\"cart_abandoners\",\"cart_abandoners\":false}," + EXTRAS + "}",
        "PUT /users/tags/edit {\"id\":\"u\",\"remove\":[\"cart_abandoners\"]}"),
        map(rules, track.replace("Entered", "Exited").replace("\"cart_abandoners\":true", "\"cart_abandoners\":false")));
    assertEquals(1, map(rules, track.replace("\"audience\"", "\"trait\"")).size(), "a computed trait is no audience");
  }

  @Test
  void anOrdersProductsFollowItAsOneEventEachWithTheOrdersIdAndCurrency() throws Exception {
    String rules = "{\"products\":{\"events\":[\"Order Completed\"],\"as\":\"Ordered Product\"}}";
    String order = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Order Completed\",\"timestamp\":\"2014-01-01T00:00:00Z\","
        + "\"properties\":{\"order_id\":\"o-1\",\"currency\":\"EUR\",\"total\":30,\"products\":["
        + "{\"sku\":\"A\",\"price\":10},{\"sku\":\"B\",\"price\":5,\"quantity\":2},\"not a product\",{\"sku\":\"C\",\"price\":10}]}}";
    String product = "POST /events/track {\"identity\":{\"id\":\"u\"},\"event_name\":\"Ordered Product\",\"data\":";
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"u\"},\"event_name\":\"Order Completed\",\"data\":{\"order_id\":\"o-1\","
            + "\"currency\":\"EUR\",\"total\":30,\"products\":[{\"sku\":\"A\",\"price\":10},{\"sku\":\"B\",\"price\":5,\"quantity\":2},"
            + "\"not a product\",{\"sku\":\"C\",\"price\":10}]}," + EXTRAS + "}",
        product + "{\"sku\":\"A\",\"price\":10,\"order_id\":\"o-1\",\"currency\":\"EUR\"}," + EXTRAS + "}",
        product + "{\"sku\":\"B\",\"price\":5,\"quantity\":2,\"order_id\":\"o-1\",\"currency\":\"EUR\"}," + EXTRAS + "}",
        product + "{\"sku\":\"C\",\"price\":10,\"order_id\":\"o-1\",\"currency\":\"EUR\"}," + EXTRAS + "}"), map(rules, order));
    assertEquals(1, map(rules, order.replace("Order Completed", "Order Refunded")).size(), "another event: the order alone");
    assertEquals(1, map(rules, "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"Order Completed\"}").size(), "no products: the order alone");
  }

  @Test
  void keepRepeatsPutsEachMessagesIdInItsEventsDataSoTwoIdenticalTracksDiffer() throws Exception {
    String rules = "{\"events\":{\"keepRepeats\":true}}";
    String track = "{\"type\":\"track\",\"userId\":\"u\",\"messageId\":\"%s\",\"event\":\"Added to Cart\",\"properties\":{\"sku\":\"A\"},"
        + "\"timestamp\":\"2014-01-01T00:00:00Z\"}";
    String body = "POST /events/track {\"identity\":{\"id\":\"u\"},\"event_name\":\"Added to Cart\",\"data\":{\"sku\":\"A\","
        + "\"message_id\":\"%s\"}," + EXTRAS + "}";
    assertEquals(List.of(body.formatted("m-1")), map(rules, track.formatted("m-1")));
    assertEquals(List.of(body.formatted("m-2")), map(rules, track.formatted("m-2")));
    assertEquals(List.of("POST /events/track {\"identity\":{\"id\":\"u\"},\"event_name\":\"viewed_page\",\"data\":{\"message_id\":\"m-3\"},"
        + EXTRAS + "}"), map(rules, "{\"type\":\"page\",\"userId\":\"u\",\"messageId\":\"m-3\",\"timestamp\":\"2014-01-01T00:00:00Z\"}"));
    assertEquals(List.of("POST /users/track {\"id\":\"u\",\"data\":{\"id\":\"u\"}}"),
        map(rules, "{\"type\":\"identify\",\"userId\":\"u\",\"messageId\":\"m-4\"}"), "a profile is no event: nothing added");
  }

  @Test
  void everySectionTogetherInTheUsersOrder() throws Exception {
    String rules = "{\"identity\":{\"id\":[\"userId\"],\"emailOnly\":\"id\"},\"audiences\":{\"tags\":true,\"tagPrefix\":\"aud:\"},"
        + "\"products\":{\"events\":[\"Order Completed\"],\"as\":\"Ordered Product\"},\"events\":{\"keepRepeats\":true}}";
    String order = "{\"type\":\"track\",\"anonymousId\":\"a\",\"messageId\":\"m-9\",\"event\":\"Order Completed\","
        + "\"timestamp\":\"2014-01-01T00:00:00Z\",\"context\":{\"traits\":{\"email\":\"Buyer@Example.com\"},"
        + "\"personas\":{\"computation_class\":\"audience\",\"computation_key\":\"buyers\"}},"
        + "\"properties\":{\"order_id\":\"o-9\",\"buyers\":true,\"products\":[{\"sku\":\"A\"}]},"
        + "\"integrations\":{\"Vero\":{\"tags\":{\"action\":\"add\",\"values\":[\"vip\"]}}}}";
    String identity = "{\"identity\":{\"id\":\"buyer@example.com\",\"email\":\"Buyer@Example.com\"},";
    assertEquals(List.of(
        "POST /events/track " + identity + "\"event_name\":\"Order Completed\",\"data\":{\"order_id\":\"o-9\",\"buyers\":true,"
            + "\"products\":[{\"sku\":\"A\"}],\"message_id\":\"m-9\"}," + EXTRAS + "}",
        "POST /events/track " + identity + "\"event_name\":\"Ordered Product\",\"data\":{\"sku\":\"A\",\"order_id\":\"o-9\","
            + "\"message_id\":\"m-9\"}," + EXTRAS + "}",
        "PUT /users/tags/edit {\"id\":\"buyer@example.com\",\"add\":[\"aud:buyers\"]}",
        "PUT /users/tags/edit {\"id\":\"buyer@example.com\",\"add\":[\"vip\"]}"), map(rules, order));
  }

  @Test
  void theRulesAreReadFromTheSettingBesideAnonymousUsers() {
    MappingRules rules = MappingRules.from(new Settings(Map.of("DESTINATION_RULES", "{\"identity\":{\"emailOnly\":\"id\"},"
        + "\"drop\":[\"context.ip\"]}", "ANONYMOUS_USERS", "track")));
    assertEquals("identity id [userId], email default, emailOnly id", rules.summary());
    assertEquals(true, rules.identity().anonymousAsId());
    assertEquals(MappingRules.SEGMENT, MappingRules.from(new Settings(Map.of())));
    assertEquals("Segment's", MappingRules.SEGMENT.summary());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"identity\":[\"userId\"]}|identity: must be an object with id, email or emailOnly (got an array)",
      "{\"identity\":{\"ids\":[\"userId\"]}}|identity: unknown key \"ids\"; expected id, email, emailOnly",
      "{\"identity\":{\"id\":[]}}|identity.id: must name at least one path (the default is [\"userId\"])",
      "{\"identity\":{\"id\":\"userId\"}}|identity.id: must be a list of dotted field paths (got a string)",
      "{\"identity\":{\"id\":[\"traits..id\"]}}|identity.id[0]: \"traits..id\" has an empty name between dots",
      "{\"identity\":{\"email\":[]}}|identity.email: must name at least one path, or be left out for the mapping's own",
      "{\"identity\":{\"emailOnly\":\"yes\"}}|identity.emailOnly: must be skip or id (got \"yes\")",
      "{\"audiences\":{\"tags\":\"true\"}}|audiences.tags: must be true or false (got \"true\")",
      "{\"audiences\":{\"tagPrefix\":\"x\"}}|audiences.tags: must be true to make tags of audiences (or leave audiences out)",
      "{\"audiences\":{\"tags\":true,\"tagPrefix\":1}}|audiences.tagPrefix: must be a string (got a number)",
      "{\"audiences\":{\"tags\":true,\"prefix\":\"x\"}}|audiences: unknown key \"prefix\"; expected tags, tagPrefix",
      "{\"products\":{\"as\":\"P\"}}|products.events: must name at least one event, e.g. [\"Order Completed\"]",
      "{\"products\":{\"events\":[\"Order Completed\"]}}|products.as: must be the product events' name, a non-empty string (got nothing)",
      "{\"products\":{\"events\":[\"Order Completed\"],\"as\":\" \"}}|products.as: must be the product events' name, a non-empty string (got \" \")",
      "{\"products\":true}|products: must be an object with events and as (got a boolean)",
      "{\"events\":{\"keepRepeats\":\"yes\"}}|events.keepRepeats: must be true or false (got \"yes\")",
      "{\"product\":{}}|unknown key \"product\"; expected events, drop, consent, identity, audiences, products"})
  void aMistakeRefusesToStartNamingItsPath(String rulesAndError) {
    String[] parts = rulesAndError.split("\\|", 2);
    InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> MappingRules.parse(parts[0]));
    assertEquals("setting DESTINATION_RULES: " + parts[1], refused.getMessage());
  }

  @Test
  void audiencesWithTagsFalseAreOff() {
    assertEquals(MappingRules.SEGMENT, MappingRules.parse("{\"audiences\":{\"tags\":false}}"));
  }
}
