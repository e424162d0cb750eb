package dev.verodestination.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(10, 900);

  @Test
  void doublesWithEachReceiveFromTheBaseUpToTheCap() {
    assertEquals(10, backoff.visibilitySeconds(1, Optional.empty(), 0.999));
    assertEquals(20, backoff.visibilitySeconds(2, Optional.empty(), 0.999));
    assertEquals(80, backoff.visibilitySeconds(4, Optional.empty(), 0.999));
    assertEquals(900, backoff.visibilitySeconds(8, Optional.empty(), 0.999));
    assertEquals(900, backoff.visibilitySeconds(500, Optional.empty(), 0.999));
  }

  @Test
  void jitterTakesUpToAFifthOffButNeverGoesBelowTheBase() {
    assertEquals(10, backoff.visibilitySeconds(1, Optional.empty(), 0.0));
    assertEquals(64, backoff.visibilitySeconds(4, Optional.empty(), 0.0));
    assertEquals(720, backoff.visibilitySeconds(9, Optional.empty(), 0.0));
  }

  @Test
  void retryAfterIsHonouredUpToTheLongestBackoff() {
    assertEquals(120, backoff.visibilitySeconds(1, Optional.of(Duration.ofSeconds(120)), 0.5));
    // issue #11, defect 12: Retry-After: 999999999 (or a date in 2099) froze a user's queue for 12 h a try
    assertEquals(900, backoff.visibilitySeconds(1, Optional.of(Duration.ofDays(3)), 0.5));
    assertEquals(900, backoff.visibilitySeconds(1, Optional.of(Duration.ofSeconds(999_999_999)), 0.5));
  }
}
