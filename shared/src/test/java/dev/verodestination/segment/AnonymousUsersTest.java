package dev.verodestination.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.json.Json;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnonymousUsersTest {

  @Test
  void theSettingIsSkipByDefaultTrackOnRequestAndNothingElse() {
    assertEquals(AnonymousUsers.SKIP, AnonymousUsers.from(new Settings(Map.of())));
    assertEquals(AnonymousUsers.TRACK, AnonymousUsers.from(new Settings(Map.of("ANONYMOUS_USERS", " Track "))));
    assertEquals("setting ANONYMOUS_USERS must be skip or track", assertThrows(InvalidSettingException.class,
        () -> AnonymousUsers.from(new Settings(Map.of("ANONYMOUS_USERS", "yes")))).getMessage());
  }

  @Test
  void thePersonIsTheUserIdAndOnlyWhenTrackingAnonymousUsersTheAnonymousId() throws Exception {
    var anonymous = Json.MAPPER.readTree("{\"anonymousId\":\"anon-1\"}");
    var known = Json.MAPPER.readTree("{\"userId\":42,\"anonymousId\":\"anon-1\"}");
    assertEquals(Optional.empty(), AnonymousUsers.SKIP.personId(anonymous));
    assertEquals(Optional.of("anon-1"), AnonymousUsers.TRACK.personId(anonymous));
    assertEquals(Optional.of("42"), AnonymousUsers.SKIP.personId(known));
    assertEquals(Optional.of("42"), AnonymousUsers.TRACK.personId(known));
  }
}
