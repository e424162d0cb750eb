package dev.verodestination.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verodestination.json.Json;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageRulesTest {

  @Test
  void aValidMessageComesWithTheTimesAsRead() throws Exception {
    var message = Json.MAPPER.readTree("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\","
        + "\"timestamp\":\"2026-11-28T13:00:00+01:00\",\"originalTimestamp\":null,\"sentAt\":\"2026-11-28T12:00:01.5Z\"}");
    assertEquals(new MessageRules.Valid(new SpecTimes(Optional.of(Instant.parse("2026-11-28T12:00:00Z")), Optional.empty(),
        Optional.of(Instant.parse("2026-11-28T12:00:01.500Z")))), MessageRules.check(message));
  }

  @Test
  void aTimeIsCheckedBeforeWhatTheTypeRequires() throws Exception {
    assertEquals(new MessageRules.Invalid("\"sentAt\" must be an ISO-8601 date string"),
        MessageRules.check(Json.MAPPER.readTree("{\"type\":\"track\",\"sentAt\":7}")));
    assertEquals(new MessageRules.Invalid("\"timestamp\" must be an ISO-8601 date string"),
        MessageRules.check(Json.MAPPER.readTree("{\"type\":\"identify\",\"userId\":\"u\",\"timestamp\":\"2026-02-30T00:00:00Z\"}")));
    assertEquals(new MessageRules.Invalid("track requires \"event\""),
        MessageRules.check(Json.MAPPER.readTree("{\"type\":\"track\",\"userId\":\"u\",\"sentAt\":\"2026-11-28T12:00:00Z\"}")));
  }
}
