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

  /** The table is read outside the lock: a batch's group threads, each with a user of its own, never queue behind one read. */
  public boolean isSuppressed(String userId) throws ProgressUnavailableException {
    Instant now = clock.instant();
    if (usersCount(now) == 0) {
      return false;
    }
    String hash = SuppressedUsers.hash(userId);
    Known answer;
    synchronized (this) {
      answer = known.get(hash);
    }
    if (answer == null || !now.isBefore(answer.until())) {
      answer = new Known(users.contains(hash), now.plus(FRESH));
      synchronized (this) {
        known.put(hash, answer);
      }
    }
    return answer.suppressed();
  }

  private long usersCount(Instant now) throws ProgressUnavailableException {
    synchronized (this) {
      if (now.isBefore(countUntil)) {
        return count;
      }
    }
    long read = users.count();
    synchronized (this) {
      count = read;
      countUntil = now.plus(FRESH);
      return read;
    }
  }
}
