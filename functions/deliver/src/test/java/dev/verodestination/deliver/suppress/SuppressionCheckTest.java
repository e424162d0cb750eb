package dev.verodestination.deliver.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.deliver.StubSuppressedUsers;
import dev.verodestination.testing.MovingClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the check reads and when: an empty list costs one read a minute; a suppression is in effect within a minute. */
class SuppressionCheckTest {

  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T03:00:00Z"));
  private final StubSuppressedUsers users = new StubSuppressedUsers();
  private final SuppressionCheck check = new SuppressionCheck(users, clock);

  @Test
  void anEmptyListIsReadOnceAMinuteAndNoUserIsLookedUp() throws Exception {
    for (int i = 0; i < 1_000; i++) {
      assertFalse(check.isSuppressed("user-" + i));
      clock.advance(Duration.ofMillis(100));
    }
    assertEquals(2, users.countReads, "100 s of messages: the count read at 0 s and at 60 s");
    assertEquals(0, users.userReads);
  }

  @Test
  void aSuppressionIsInEffectWithinAMinuteAndEachUsersAnswerIsKeptForOne() throws Exception {
    assertFalse(check.isSuppressed("ivy"));
    users.suppress("ivy");
    clock.advance(Duration.ofSeconds(59));
    assertFalse(check.isSuppressed("ivy"), "this container heard of no one yet");
    clock.advance(Duration.ofSeconds(1));
    assertTrue(check.isSuppressed("ivy"), "a minute on, it has");
    assertFalse(check.isSuppressed("jon"));
    for (int i = 0; i < 50; i++) {
      check.isSuppressed("ivy");
      check.isSuppressed("jon");
    }
    assertEquals(2, users.userReads, "each user looked up once a minute");
    users.hashes.clear();
    clock.advance(Duration.ofSeconds(60));
    assertFalse(check.isSuppressed("ivy"), "unsuppressed within a minute too");
  }
}
