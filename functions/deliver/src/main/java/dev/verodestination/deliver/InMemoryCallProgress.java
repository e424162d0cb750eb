package dev.verodestination.deliver;

import java.util.LinkedHashMap;
import java.util.Map;

/** Progress kept in this process: right for the local runner, where every retry comes back here. */
public final class InMemoryCallProgress implements CallProgress {

  private static final int MAX_ENTRIES = 100_000;

  private final Map<String, Integer> done = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  @Override
  public synchronized int callsDone(String messageKey) {
    return done.getOrDefault(messageKey, 0);
  }

  @Override
  public synchronized void record(String messageKey, int callsDone) {
    done.merge(messageKey, callsDone, Math::max);
  }

  @Override
  public synchronized void clear(String messageKey) {
    done.remove(messageKey);
  }
}
