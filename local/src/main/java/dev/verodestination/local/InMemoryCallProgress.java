package dev.verodestination.local;

import dev.verodestination.deliver.CallProgress;
import java.util.LinkedHashMap;
import java.util.Map;

/** Progress kept in this process: right for the local runner, where every retry comes back here. */
public final class InMemoryCallProgress implements CallProgress {

  private static final int MAX_ENTRIES = 100_000;

  private record Progress(int callsDone, int attempts) {}

  private final Map<String, Progress> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Progress> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  @Override
  public synchronized int callsDone(String messageKey) {
    Progress entry = entries.get(messageKey);
    return entry == null ? 0 : entry.callsDone();
  }

  @Override
  public synchronized int failedAttempt(String messageKey, int callsDone) {
    Progress old = entries.getOrDefault(messageKey, new Progress(0, 0));
    Progress updated = new Progress(Math.max(old.callsDone(), callsDone), old.attempts() + 1);
    entries.put(messageKey, updated);
    return updated.attempts();
  }

  @Override
  public synchronized void callsMade(String messageKey, int callsDone) {
    Progress old = entries.getOrDefault(messageKey, new Progress(0, 0));
    entries.put(messageKey, new Progress(Math.max(old.callsDone(), callsDone), old.attempts()));
  }

  /** Forgets every record under this FIFO group (one user's messages); returns how many there were. */
  public synchronized int forgetGroup(String group) {
    int before = entries.size();
    entries.keySet().removeIf(key -> key.startsWith(group + "/"));
    return before - entries.size();
  }

  @Override
  public synchronized void clear(String messageKey) {
    entries.remove(messageKey);
  }
}
