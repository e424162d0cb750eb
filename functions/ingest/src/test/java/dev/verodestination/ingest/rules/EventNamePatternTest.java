package dev.verodestination.ingest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventNamePatternTest {

  @ParameterizedTest(name = "\"{0}\" against \"{1}\": {2}")
  @CsvSource(delimiter = '|', value = {
      "Order *|Order Completed|true",
      "Order *|'Order '|true",
      "Order *|Order|false",
      "Order *|order Completed|false",
      "Order *|Big Order Completed|false",
      "*|anything at all|true",
      "*|''|true",
      "**|x|true",
      "* Test|A/B Test|true",
      "* Test|Test|false",
      "* Test|A/B Test run|false",
      "Signed Up|Signed Up|true",
      "Signed Up|Signed Up Again|false",
      "Signed Up|signed up|false",
      "a*b*c|abc|true",
      "a*b*c|a-b-c|true",
      "a*b*c|a-c-b|false",
      "a*b*c|ac|false",
      "a*bc*bc|abcbc|true",
      "a*bc*bc|abc|false",
      "ab*ba|aba|false",
      "ab*ba|abba|true",
      "*ing*|Priming|true",
      "*.*|Page.Viewed|true",
      "*.*|PageViewed|false",
      "Checkout Step ?|Checkout Step 1|false",
  })
  void aStarStandsForAnyRunOfCharactersAndEverythingElseIsLiteral(String pattern, String name, boolean matches) {
    assertEquals(matches, EventNamePattern.of(pattern).matches(name));
  }
}
