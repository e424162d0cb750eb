package dev.verodestination.deliver;

import java.util.HashMap;
import java.util.Map;

/** Progress in a map, for tests of delivery: what each message's record holds, readable by the test. */
final class StubCallProgress implements CallProgress {

  private final Map<String, Integer> done = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();

  @Override
  public synchronized int callsDone(String messageKey) {
    return done.getOrDefault(messageKey, 0);
  }

  @Override
  public synchronized int failedAttempt(String messageKey, int callsDone) {
    done.merge(messageKey, callsDone, Math::max);
    return failures.merge(messageKey, 1, Integer::sum);
  }

  @Override
  public synchronized void callsMade(String messageKey, int callsDone) {
    done.merge(messageKey, callsDone, Math::max);
  }

  /** Failed attempts recorded for this message. */
  synchronized int attempts(String messageKey) {
    return failures.getOrDefault(messageKey, 0);
  }

  @Override
  public synchronized void clear(String messageKey) {
    done.remove(messageKey);
    failures.remove(messageKey);
  }
}
