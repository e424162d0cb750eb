package dev.verodestination.deliver.suppress;

import dev.verodestination.deliver.CallProgress.ProgressUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a user is suppressed, as this container last heard, for at most {@link #FRESH}: a
 * suppression is in effect everywhere within it. While the list is empty, one read of its count a
 * minute is all it costs; otherwise one read per user a minute, its answers kept for the
 * {@value #REMEMBERED} users seen last. One per deliver container; its group threads share it.
 */
public final class SuppressionCheck {

  public static final Duration FRESH = Duration.ofMinutes(1);
  static final int REMEMBERED = 10_000;

  private record Known(boolean suppressed, Instant until) {}

  private final SuppressedUsers users;
  private final Clock clock;
  private long count;
  private Instant countUntil = Instant.MIN;
  private final Map<String, Known> known = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
      return size() > REMEMBERED;
    }
  };

  public SuppressionCheck(SuppressedUsers users, Clock clock) {
    this.users = users;
    this.clock = clock;
  }

  public synchronized boolean isSuppressed(String userId) throws ProgressUnavailableException {
    Instant now = clock.instant();
    if (!now.isBefore(countUntil)) {
      count = users.count();
      countUntil = now.plus(FRESH);
    }
    if (count == 0) {
      return false;
    }
    String hash = SuppressedUsers.hash(userId);
    Known answer = known.get(hash);
    if (answer == null || !now.isBefore(answer.until())) {
      answer = new Known(users.contains(hash), now.plus(FRESH));
      known.put(hash, answer);
    }
    return answer.suppressed();
  }
}
